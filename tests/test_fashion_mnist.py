"""descent.fashion_mnist on small IDX files the tests write byte by byte; nothing is downloaded."""

import gzip
import hashlib
import io
import struct
import urllib.request

import numpy as np
import pytest

from descent import fashion_mnist

IMAGES = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4) * 10
LABELS = np.array([9, 0], dtype=np.uint8)


def images_file():
    # magic 0x00000803, then n, rows, columns as big-endian unsigned 32-bit integers
    return struct.pack(">IIII", 0x803, 2, 3, 4) + IMAGES.tobytes()


def labels_file():
    return struct.pack(">II", 0x801, 2) + LABELS.tobytes()


def write_split(directory, compress=True, split="train"):
    directory.mkdir(parents=True, exist_ok=True)
    image_name, label_name = fashion_mnist.FASHION_MNIST_FILES[split]
    for name, raw in [(image_name, images_file()), (label_name, labels_file())]:
        (directory / name).write_bytes(gzip.compress(raw, mtime=0) if compress else raw)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the network must not be used")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_parse_idx_reads_the_header_and_the_values():
    np.testing.assert_array_equal(fashion_mnist.parse_idx(images_file()), IMAGES)
    labels = fashion_mnist.parse_idx(labels_file())
    np.testing.assert_array_equal(labels, LABELS)
    assert labels.dtype == np.uint8


def test_parse_idx_decodes_big_endian_types():
    values = np.array([[1.5, -2.0], [3.25, 1e6]])
    raw = struct.pack(">BBBBII", 0, 0, 0x0E, 2, 2, 2) + values.astype(">f8").tobytes()
    parsed = fashion_mnist.parse_idx(raw)
    np.testing.assert_array_equal(parsed, values)
    assert parsed.dtype == np.float64 and parsed.dtype.isnative
    ints = struct.pack(">BBBBI", 0, 0, 0x0C, 1, 2) + struct.pack(">ii", -7, 70000)
    np.testing.assert_array_equal(fashion_mnist.parse_idx(ints), [-7, 70000])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x00\x00", "shorter than the 4-byte magic number"),
        (struct.pack(">II", 0x01000801, 2) + b"\x01\x02", "bad magic number 0x01000801"),
        (struct.pack(">II", 0x00000701, 2) + b"\x01\x02", "bad magic number 0x00000701"),
        (struct.pack(">I", 0x00000800), "bad magic number"),
        (struct.pack(">II", 0x803, 2), "truncated IDX header"),
        (struct.pack(">II", 0x801, 3) + b"\x01\x02", "needs 3 bytes of data, the file has 2"),
        (struct.pack(">II", 0x801, 1) + b"\x01\x02", "needs 1 bytes of data, the file has 2"),
    ],
)
def test_parse_idx_rejects_a_malformed_file(raw, message):
    with pytest.raises(ValueError, match=message):
        fashion_mnist.parse_idx(raw)


@pytest.mark.parametrize("compress", [True, False])
def test_read_idx_reads_gzip_and_plain_files(tmp_path, compress):
    path = tmp_path / "images.idx"
    path.write_bytes(gzip.compress(images_file()) if compress else images_file())
    np.testing.assert_array_equal(fashion_mnist.read_idx(path), IMAGES)
    np.testing.assert_array_equal(
        fashion_mnist.read_idx(path, magic=fashion_mnist.IMAGES_MAGIC), IMAGES
    )


def test_read_idx_checks_the_expected_magic_number(tmp_path):
    path = tmp_path / "labels.idx"
    path.write_bytes(labels_file())
    with pytest.raises(ValueError, match="magic number 0x00000801, expected 0x00000803"):
        fashion_mnist.read_idx(path, magic=fashion_mnist.IMAGES_MAGIC)


@pytest.mark.parametrize("compress", [True, False])
@pytest.mark.parametrize("split", ["train", "test"])
def test_load_fashion_mnist_reads_cached_files(tmp_path, no_network, compress, split):
    write_split(tmp_path, compress=compress, split=split)
    images, labels = fashion_mnist.load_fashion_mnist(tmp_path, split=split, download=True)
    np.testing.assert_array_equal(images, IMAGES)
    np.testing.assert_array_equal(labels, LABELS)
    assert labels.dtype == np.int64
    assert [fashion_mnist.FASHION_MNIST_CLASSES[label] for label in labels] == [
        "Ankle boot",
        "T-shirt/top",
    ]


def test_load_fashion_mnist_without_download_names_the_missing_file(tmp_path, no_network):
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte.gz not found.*download"):
        fashion_mnist.load_fashion_mnist(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_load_fashion_mnist_rejects_swapped_files(tmp_path, no_network):
    write_split(tmp_path)
    images, labels = fashion_mnist.FASHION_MNIST_FILES["train"]
    (tmp_path / images).write_bytes(labels_file())
    with pytest.raises(ValueError, match="expected 0x00000803"):
        fashion_mnist.load_fashion_mnist(tmp_path)


def test_load_fashion_mnist_rejects_a_count_mismatch(tmp_path, no_network):
    write_split(tmp_path)
    labels = struct.pack(">II", 0x801, 3) + bytes([1, 2, 3])
    (tmp_path / fashion_mnist.FASHION_MNIST_FILES["train"][1]).write_bytes(labels)
    with pytest.raises(ValueError, match="2 images but 3 labels"):
        fashion_mnist.load_fashion_mnist(tmp_path)


def test_load_fashion_mnist_rejects_an_unknown_split(tmp_path):
    with pytest.raises(ValueError, match="split must be 'train' or 'test'"):
        fashion_mnist.load_fashion_mnist(tmp_path, split="validation")


def test_every_file_has_a_published_checksum():
    files = {name for pair in fashion_mnist.FASHION_MNIST_FILES.values() for name in pair}
    assert set(fashion_mnist.FASHION_MNIST_MD5) == files
    assert all(len(digest) == 32 for digest in fashion_mnist.FASHION_MNIST_MD5.values())


def test_a_download_asks_the_default_source_for_each_missing_file(tmp_path, monkeypatch):
    write_split(tmp_path / "server", split="test")
    asked = []

    class Response(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            return False

    def serve(url, timeout):
        asked.append(url)
        name = url.rsplit("/", 1)[-1]
        raw = (tmp_path / "server" / name).read_bytes()
        monkeypatch.setitem(fashion_mnist.FASHION_MNIST_MD5, name, hashlib.md5(raw).hexdigest())
        return Response(raw)

    monkeypatch.setattr(urllib.request, "urlopen", serve)
    cache = tmp_path / "cache"
    cache.mkdir()
    image_name, label_name = fashion_mnist.FASHION_MNIST_FILES["test"]
    (cache / image_name).write_bytes((tmp_path / "server" / image_name).read_bytes())
    images, _ = fashion_mnist.load_fashion_mnist(cache, split="test", download=True)
    np.testing.assert_array_equal(images, IMAGES)
    assert asked == [fashion_mnist.FASHION_MNIST_URL + label_name]  # only the missing file


def served_split(tmp_path, monkeypatch):
    """A local 'server' directory reached through file:// URLs, with matching checksums."""
    server = tmp_path / "server"
    write_split(server)
    for path in server.iterdir():
        monkeypatch.setitem(
            fashion_mnist.FASHION_MNIST_MD5, path.name, hashlib.md5(path.read_bytes()).hexdigest()
        )
    return server.as_uri() + "/"


def test_download_fetches_checks_and_caches_the_files(tmp_path, monkeypatch):
    base_url = served_split(tmp_path, monkeypatch)
    cache = tmp_path / "cache" / "fashion"
    images, labels = fashion_mnist.load_fashion_mnist(cache, download=True, base_url=base_url)
    np.testing.assert_array_equal(images, IMAGES)
    np.testing.assert_array_equal(labels, LABELS)
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        fashion_mnist.FASHION_MNIST_FILES["train"]
    )
    # the second call reads the cache: the network is not touched again
    monkeypatch.setattr(urllib.request, "urlopen", pytest.fail)
    np.testing.assert_array_equal(fashion_mnist.load_fashion_mnist(cache, download=True)[0], IMAGES)


def test_download_with_a_wrong_checksum_keeps_nothing(tmp_path, monkeypatch):
    base_url = served_split(tmp_path, monkeypatch)
    monkeypatch.setitem(fashion_mnist.FASHION_MNIST_MD5, "train-images-idx3-ubyte.gz", "0" * 32)
    cache = tmp_path / "cache"
    with pytest.raises(ValueError, match="checksum .* does not match"):
        fashion_mnist.load_fashion_mnist(cache, download=True, base_url=base_url)
    assert list(cache.iterdir()) == []
