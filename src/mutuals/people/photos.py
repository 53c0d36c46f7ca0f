"""Photos of people: whatever was uploaded or imported is decoded, checked and re-encoded here,
so what mutuals serves is always a small JPEG it wrote itself, never the bytes it was given.

`prepare_photo` refuses files over 10 MB, pictures whose pixel count could exhaust memory (a
"decompression bomb": a tiny file that decodes to gigapixels), and anything that is not a
JPEG, PNG, GIF or WebP picture (SVG can carry scripts); it turns the picture upright by its
EXIF orientation, drops all metadata (location, camera), fits it in 512 x 512 and writes JPEG.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse

from mutuals.people.models import Photo
from mutuals.people.services import owned_person

if TYPE_CHECKING:
    from PIL import Image

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 7,000 x 5,700 phone picture fits; a decompression bomb does not
SIDE = 512
ACCEPTED = frozenset({"JPEG", "PNG", "GIF", "WEBP", "MPO"})  # MPO: some cameras' JPEGs
NOT_A_PICTURE = "This file is not a picture mutuals can show; use a JPEG, PNG, GIF or WebP."


@dataclass(frozen=True)
class PreparedPhoto:
    """A re-encoded JPEG ready to store."""

    image: bytes
    width: int
    height: int
    sha256: str
    content_type: str = "image/jpeg"


def prepare_photo(data: bytes) -> PreparedPhoto:
    """The picture as mutuals stores it; ValidationError (a sentence on "photo") otherwise."""
    from PIL import Image, UnidentifiedImageError  # here, so the CLI starts without Pillow

    if len(data) > MAX_BYTES:
        raise ValidationError({"photo": ["Choose a picture under 10 MB."]})
    if not data:
        raise ValidationError({"photo": ["The file is empty; choose a picture."]})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = _decoded(data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError({"photo": ["This picture is too large to open."]}) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise ValidationError({"photo": [NOT_A_PICTURE]}) from None
    picture.thumbnail((SIDE, SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85, optimize=True)  # no exif=, so none is written
    image = out.getvalue()
    return PreparedPhoto(
        image=image,
        width=picture.width,
        height=picture.height,
        sha256=hashlib.sha256(image).hexdigest(),
    )


def _decoded(data: bytes) -> Image.Image:
    """The first frame, upright, as plain RGB pixels with no metadata kept."""
    from PIL import Image, ImageOps

    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.format not in ACCEPTED:
                raise ValueError("not an accepted format")
            opened.seek(0)
            opened.load()
            upright = ImageOps.exif_transpose(opened)
            if upright.mode in ("RGBA", "LA", "P", "PA"):
                upright = upright.convert("RGBA")
                flat = Image.new("RGB", upright.size, (255, 255, 255))
                flat.paste(upright, mask=upright.getchannel("A"))
                return flat
            return upright.convert("RGB")
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def is_prepared(data: bytes) -> bool:
    """Whether these bytes are already a photo as prepare_photo writes it: a JPEG within
    512 x 512 with no EXIF metadata (so a backup's photos restore byte for byte)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as opened:
            return (
                opened.format == "JPEG"
                and opened.mode == "RGB"
                and max(opened.size) <= SIDE
                and not opened.getexif()
                and "exif" not in opened.info
            )
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        return False


def describe_photo(photo: Photo) -> None:
    """Set the size, type and digest of a photo from its (prepared) image bytes."""
    from PIL import Image

    data = bytes(photo.image)
    with Image.open(io.BytesIO(data)) as opened:
        photo.width, photo.height = opened.size
    photo.content_type = "image/jpeg"
    photo.sha256 = hashlib.sha256(data).hexdigest()


@transaction.atomic
def set_photo(*, owner: AbstractBaseUser, person_id: int, data: bytes) -> Photo:
    """Give one of the owner's people this picture (re-encoded); it replaces any older one."""
    person = owned_person(owner=owner, person_id=person_id)
    prepared = prepare_photo(data)
    Photo.objects.filter(owner=owner, person=person).delete()
    return _store(owner, person.pk, prepared)


def _store(owner: AbstractBaseUser, person_id: int, prepared: PreparedPhoto) -> Photo:
    return Photo.objects.create(
        owner=owner,
        person_id=person_id,
        image=prepared.image,
        content_type=prepared.content_type,
        width=prepared.width,
        height=prepared.height,
        sha256=prepared.sha256,
    )


def remove_photo(*, owner: AbstractBaseUser, person_id: int) -> int:
    """Forget the photos of one of the owner's people; how many there were."""
    owned_person(owner=owner, person_id=person_id)
    deleted, _ = Photo.objects.filter(owner=owner, person_id=person_id).delete()
    return deleted


def photo_response(photo: Photo) -> HttpResponse:
    """The stored JPEG as the web and the API serve it: never sniffed as anything else, never
    able to run anything (sandboxed), cached only by the owner's browser."""
    response = HttpResponse(bytes(photo.image), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=300"
    return response
