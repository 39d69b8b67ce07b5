package ma.moncompte.requests.internal;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Looks at an upload as it streams past, without holding it: counts its bytes against the limit,
 * decides its format from its first bytes (never from its name or declared type), and reads the pixel
 * size of an image from its header only (PNG's IHDR chunk; JPEG's first SOF segment, skipping the
 * segments before it by their lengths). Everything after the header is only counted.
 */
final class DocumentInspector {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };

	private static final byte[] PDF = { '%', 'P', 'D', 'F', '-' };

	private static final int SNIFF_LENGTH = PNG.length;

	/** What the inspection found wrong, for the caller to turn into a problem. */
	static final class Refusal extends RuntimeException {

		enum Reason {

			TOO_LARGE, UNSUPPORTED_FORMAT

		}

		private final Reason reason;

		Refusal(Reason reason) {
			super(reason.name(), null, false, false);
			this.reason = reason;
		}

		Reason reason() {
			return this.reason;
		}

	}

	private final long maxBytes;

	private final byte[] head = new byte[SNIFF_LENGTH];

	private int headLength;

	private long size;

	private DocumentFormat format;

	private ImageHeader image;

	DocumentInspector(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/** Inspects a buffer without consuming it; throws a {@link Refusal} as soon as the upload is refused. */
	void inspect(DataBuffer buffer) {
		int count = buffer.readableByteCount();
		this.size += count;
		if (this.size > this.maxBytes) {
			throw new Refusal(Refusal.Reason.TOO_LARGE);
		}
		int position = buffer.readPosition();
		int end = position + count;
		int index = position;
		while (this.format == null && index < end) {
			this.head[this.headLength++] = buffer.getByte(index++);
			if (this.headLength == SNIFF_LENGTH) {
				decide();
				feed(this.head, 0, this.headLength);
			}
		}
		if (this.image != null) {
			while (index < end && !this.image.isFinished()) {
				index = this.image.feed(buffer, index, end);
			}
		}
	}

	/** At the end of the upload: a file shorter than the sniffing window is decided on what there is. */
	void finish() {
		if (this.format == null) {
			decide();
			feed(this.head, 0, this.headLength);
		}
	}

	long size() {
		return this.size;
	}

	DocumentFormat format() {
		return this.format;
	}

	/** The image's pixel size, or {@code null} for a PDF or when the header could not be read. */
	Integer width() {
		return this.image == null ? null : this.image.width();
	}

	Integer height() {
		return this.image == null ? null : this.image.height();
	}

	private void decide() {
		if (startsWith(PNG)) {
			this.format = DocumentFormat.PNG;
			this.image = new PngHeader();
		}
		else if (startsWith(JPEG)) {
			this.format = DocumentFormat.JPEG;
			this.image = new JpegHeader();
		}
		else if (startsWith(PDF)) {
			this.format = DocumentFormat.PDF;
		}
		else {
			throw new Refusal(Refusal.Reason.UNSUPPORTED_FORMAT);
		}
	}

	private void feed(byte[] bytes, int from, int to) {
		if (this.image == null) {
			return;
		}
		for (int i = from; i < to && !this.image.isFinished(); i++) {
			this.image.accept(bytes[i]);
		}
	}

	private boolean startsWith(byte[] signature) {
		if (this.headLength < signature.length) {
			return false;
		}
		for (int i = 0; i < signature.length; i++) {
			if (this.head[i] != signature[i]) {
				return false;
			}
		}
		return true;
	}

	/** An incremental image header reader, fed byte by byte or a buffer range at a time. */
	abstract static class ImageHeader {

		Integer width;

		Integer height;

		boolean failed;

		abstract void accept(byte b);

		/** Consumes what it needs of {@code buffer[from, to)}; returns the index it stopped at. */
		int feed(DataBuffer buffer, int from, int to) {
			int index = from;
			while (index < to && !isFinished()) {
				accept(buffer.getByte(index++));
			}
			return index;
		}

		boolean isFinished() {
			return this.failed || this.width != null;
		}

		Integer width() {
			return this.failed ? null : this.width;
		}

		Integer height() {
			return this.failed ? null : this.height;
		}

	}

	/** Width and height are the big-endian integers at offsets 16 and 20, in the IHDR chunk that must come first. */
	static final class PngHeader extends ImageHeader {

		private final byte[] header = new byte[24];

		private int length;

		@Override
		void accept(byte b) {
			this.header[this.length++] = b;
			if (this.length == this.header.length) {
				if (this.header[12] != 'I' || this.header[13] != 'H' || this.header[14] != 'D' || this.header[15] != 'R') {
					this.failed = true;
					return;
				}
				long w = readInt(16);
				long h = readInt(20);
				if (w <= 0 || h <= 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
					this.failed = true;
					return;
				}
				this.height = (int) h;
				this.width = (int) w;
			}
		}

		private long readInt(int offset) {
			return ((this.header[offset] & 0xffL) << 24) | ((this.header[offset + 1] & 0xffL) << 16)
					| ((this.header[offset + 2] & 0xffL) << 8) | (this.header[offset + 3] & 0xffL);
		}

	}

	/**
	 * Walks the JPEG markers: standalone markers have no length, every other segment starts with its
	 * two-byte length, which lets the walk jump over it (EXIF, ICC profiles, thumbnails) without reading
	 * it. The frame header (SOF0-SOF15 but DHT, JPG and DAC) carries the height then the width.
	 */
	static final class JpegHeader extends ImageHeader {

		private enum State {

			SOI, MARKER, CODE, LENGTH_HIGH, LENGTH_LOW, SKIP, FRAME

		}

		private State state = State.SOI;

		private int soiBytes;

		private boolean frame;

		private int segmentLength;

		private long toSkip;

		private final byte[] frameHeader = new byte[5];

		private int frameBytes;

		@Override
		void accept(byte value) {
			int b = value & 0xff;
			switch (this.state) {
				case SOI -> {
					int expected = this.soiBytes == 0 ? 0xff : 0xd8;
					if (b != expected) {
						this.failed = true;
					}
					else if (++this.soiBytes == 2) {
						this.state = State.MARKER;
					}
				}
				case MARKER -> {
					if (b == 0xff) {
						this.state = State.CODE;
					}
					else {
						this.failed = true;
					}
				}
				case CODE -> marker(b);
				case LENGTH_HIGH -> {
					this.segmentLength = b << 8;
					this.state = State.LENGTH_LOW;
				}
				case LENGTH_LOW -> {
					this.segmentLength |= b;
					if (this.segmentLength < 2) {
						this.failed = true;
					}
					else if (this.frame) {
						this.state = this.segmentLength < 7 ? fail() : State.FRAME;
					}
					else {
						this.toSkip = this.segmentLength - 2;
						this.state = this.toSkip == 0 ? State.MARKER : State.SKIP;
					}
				}
				case SKIP -> {
					if (--this.toSkip == 0) {
						this.state = State.MARKER;
					}
				}
				case FRAME -> {
					this.frameHeader[this.frameBytes++] = value;
					if (this.frameBytes == this.frameHeader.length) {
						int h = ((this.frameHeader[1] & 0xff) << 8) | (this.frameHeader[2] & 0xff);
						int w = ((this.frameHeader[3] & 0xff) << 8) | (this.frameHeader[4] & 0xff);
						if (w == 0 || h == 0) {
							this.failed = true;
						}
						else {
							this.height = h;
							this.width = w;
						}
					}
				}
			}
		}

		@Override
		int feed(DataBuffer buffer, int from, int to) {
			int index = from;
			while (index < to && !isFinished()) {
				if (this.state == State.SKIP) {
					// Jump over the segment's body in one step.
					long jump = Math.min(this.toSkip, to - index);
					index += (int) jump;
					this.toSkip -= jump;
					if (this.toSkip == 0) {
						this.state = State.MARKER;
					}
				}
				else {
					accept(buffer.getByte(index++));
				}
			}
			return index;
		}

		private void marker(int code) {
			if (code == 0xff) {
				return; // fill byte before a marker
			}
			if (code == 0x01 || (code >= 0xd0 && code <= 0xd8)) {
				this.state = State.MARKER; // standalone: TEM, RSTn, SOI
			}
			else if (code == 0xd9 || code == 0xda) {
				this.failed = true; // end of image or start of scan before any frame header
			}
			else {
				this.frame = code >= 0xc0 && code <= 0xcf && code != 0xc4 && code != 0xc8 && code != 0xcc;
				this.state = State.LENGTH_HIGH;
			}
		}

		private State fail() {
			this.failed = true;
			return this.state;
		}

	}

}
