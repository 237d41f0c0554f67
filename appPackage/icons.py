"""Draws the Teams app icons: color.png (192×192) and outline.png (32×32, white on transparent)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ACCENT = (0, 90, 158, 255)  # a municipal blue
WHITE = (255, 255, 255, 255)


def calendar(draw: ImageDraw.ImageDraw, size: int, ink: tuple[int, int, int, int], line: int) -> None:
    """A calendar sheet with two rings and a tick: meetings and attendance."""
    pad = size * 0.18
    left, top, right, bottom = pad, pad + size * 0.06, size - pad, size - pad
    draw.rounded_rectangle((left, top, right, bottom), radius=size * 0.08, outline=ink, width=line)
    band = top + (bottom - top) * 0.26
    draw.line((left, band, right, band), fill=ink, width=line)
    for x in (left + (right - left) * 0.3, left + (right - left) * 0.7):
        draw.line((x, top - size * 0.07, x, top + size * 0.07), fill=ink, width=line)
    tick = [
        (left + (right - left) * 0.26, band + (bottom - band) * 0.52),
        (left + (right - left) * 0.44, band + (bottom - band) * 0.72),
        (left + (right - left) * 0.76, band + (bottom - band) * 0.30),
    ]
    draw.line(tick, fill=ink, width=line, joint="curve")


def main() -> None:
    color = Image.new("RGBA", (192, 192), ACCENT)
    calendar(ImageDraw.Draw(color), 192, WHITE, 10)
    color.save(HERE / "color.png", optimize=True)
    # Teams wants the outline icon white with a transparent background.
    outline = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    calendar(ImageDraw.Draw(outline), 32, WHITE, 2)
    outline.save(HERE / "outline.png", optimize=True)


if __name__ == "__main__":
    main()
