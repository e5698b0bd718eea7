"""Read IDX files, the format of MNIST and Fashion-MNIST, and fetch Fashion-MNIST on request.

An IDX file is a tiny header followed by raw numbers. The header is big-endian:

* a 4-byte **magic number** ``0x0000TTDD``: two zero bytes, a type code ``TT``
  (``0x08`` for unsigned bytes) and the number of dimensions ``DD``; so image files
  start with ``0x00000803`` (unsigned bytes, 3 dimensions: n x rows x columns) and label
  files with ``0x00000801`` (unsigned bytes, 1 dimension: n);
* one 4-byte unsigned integer per dimension, its size;
* the values, in C order, each in the type's big-endian encoding.

Nothing here touches the network unless you call
``load_fashion_mnist(directory, download=True)``; the book's build and tests never do.
"""

from __future__ import annotations

import gzip
import hashlib
import urllib.request
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

#: Magic numbers of the two kinds of file in MNIST and Fashion-MNIST.
IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801

#: The IDX type codes and the big-endian NumPy types they stand for.
IDX_TYPES = {
    0x08: ">u1",  # unsigned byte
    0x09: ">i1",  # signed byte
    0x0B: ">i2",  # short
    0x0C: ">i4",  # int
    0x0D: ">f4",  # float
    0x0E: ">f8",  # double
}

#: Where the Fashion-MNIST authors (Zalando Research) publish the files.
FASHION_MNIST_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"

#: The image and label files of each split.
FASHION_MNIST_FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}

#: MD5 checksums published with the files, to detect a broken download.
FASHION_MNIST_MD5 = {
    "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
    "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
    "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
    "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
}

#: The ten classes of Fashion-MNIST, in label order.
FASHION_MNIST_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)

_GZIP_MAGIC = b"\x1f\x8b"


def parse_idx(raw: bytes) -> NDArray:
    """Turn the bytes of an (uncompressed) IDX file into a NumPy array.

    Parameters
    ----------
    raw : bytes
        The whole file.

    Returns
    -------
    numpy.ndarray
        An array of the shape and type the header declares, in native byte order.

    Raises
    ------
    ValueError
        If the header is malformed or the data are not as long as the header says.

    Examples
    --------
    >>> parse_idx(bytes([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 8, 9]))
    array([7, 8, 9], dtype=uint8)
    """
    if len(raw) < 4:
        raise ValueError(f"not an IDX file: {len(raw)} bytes, shorter than the 4-byte magic number")
    zeros, type_code, ndim = raw[:2], raw[2], raw[3]
    if zeros != b"\x00\x00" or type_code not in IDX_TYPES or ndim == 0:
        raise ValueError(
            f"not an IDX file: bad magic number 0x{int.from_bytes(raw[:4], 'big'):08x} "
            "(expected two zero bytes, a known type code and at least one dimension)"
        )
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise ValueError(f"truncated IDX header: {ndim} dimensions need {header_size} bytes")
    shape = tuple(int(size) for size in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    dtype = np.dtype(IDX_TYPES[type_code])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header_size != expected:
        raise ValueError(
            f"IDX data size mismatch: shape {shape} needs {expected} bytes of data, "
            f"the file has {len(raw) - header_size}"
        )
    values = np.frombuffer(raw, dtype=dtype, offset=header_size).reshape(shape)
    return values.astype(dtype.newbyteorder("="))  # a native, writable copy


def read_idx(path: str | Path, magic: int | None = None) -> NDArray:
    """Read an IDX file, plain or gzip-compressed (detected from its first bytes).

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    magic : int, optional
        The magic number the file must have, e.g. :data:`IMAGES_MAGIC`.

    Returns
    -------
    numpy.ndarray
        The array the file holds.

    Raises
    ------
    ValueError
        If the file is not a well-formed IDX file, or its magic number is not ``magic``.
    """
    raw = Path(path).read_bytes()
    if raw[:2] == _GZIP_MAGIC:
        raw = gzip.decompress(raw)
    if magic is not None and raw[:4] != magic.to_bytes(4, "big"):
        raise ValueError(
            f"{path}: magic number 0x{int.from_bytes(raw[:4], 'big'):08x}, expected 0x{magic:08x}"
        )
    return parse_idx(raw)


def _fetch(url: str, target: Path) -> None:
    """Download ``url`` to ``target``, checking its published MD5 checksum."""
    partial = target.with_name(target.name + ".part")
    with urllib.request.urlopen(url, timeout=60) as response:
        partial.write_bytes(response.read())
    digest = hashlib.md5(partial.read_bytes()).hexdigest()
    if digest != FASHION_MNIST_MD5[target.name]:
        partial.unlink()
        raise ValueError(f"{url}: checksum {digest} does not match the published one; try again")
    partial.replace(target)  # only a complete, verified file gets the real name


def load_fashion_mnist(
    directory: str | Path,
    split: str = "train",
    download: bool = False,
    base_url: str = FASHION_MNIST_URL,
) -> tuple[NDArray, NDArray]:
    """Load one split of Fashion-MNIST from IDX files cached in ``directory``.

    Files already in ``directory`` are used as they are. Missing ones are downloaded
    only if you pass ``download=True`` (about 30 MB; they are then kept for next time).

    Parameters
    ----------
    directory : str or pathlib.Path
        Where the four ``.gz`` files are, or should be saved.
    split : {"train", "test"}, default "train"
        60,000 training images or 10,000 test images.
    download : bool, default False
        Fetch missing files from ``base_url``.
    base_url : str, default :data:`FASHION_MNIST_URL`
        Where to fetch them from.

    Returns
    -------
    images : numpy.ndarray of uint8, shape (n, 28, 28)
        Grey levels from 0 (background) to 255.
    labels : numpy.ndarray of int64, shape (n,)
        Class indices; :data:`FASHION_MNIST_CLASSES` names them.

    Raises
    ------
    FileNotFoundError
        If a file is missing and ``download`` is False.
    ValueError
        If ``split`` is unknown, or a file is malformed.
    """
    if split not in FASHION_MNIST_FILES:
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    directory = Path(directory).expanduser()
    paths = [directory / name for name in FASHION_MNIST_FILES[split]]
    for path in paths:
        if path.exists():
            continue
        if not download:
            raise FileNotFoundError(
                f"{path} not found: put the Fashion-MNIST files in {directory}, "
                "or pass download=True to fetch them"
            )
        directory.mkdir(parents=True, exist_ok=True)
        _fetch(base_url + path.name, path)
    images = read_idx(paths[0], magic=IMAGES_MAGIC)
    labels = read_idx(paths[1], magic=LABELS_MAGIC).astype(np.int64)
    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels in {directory}")
    return images, labels
