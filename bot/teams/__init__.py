"""Microsoft Teams: the Agents SDK endpoint, the activity adapter, Adaptive Cards, and the reminder poster."""
