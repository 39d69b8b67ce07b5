package ma.moncompte.requests.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import ma.moncompte.requests.TestFiles;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inspector sees uploads in arbitrary chunks; every split of the stream must give the same answer. */
class DocumentInspectorTest {

	@Test
	void readsPngSizeFromItsHeaderWhateverTheChunking() {
		byte[] png = TestFiles.png(640, 480);
		for (int chunk : new int[] { 1, 2, 3, 7, 16, 23, 24, 25, 100, png.length }) {
			DocumentInspector inspector = inspect(png, chunk);
			assertThat(inspector.format()).isEqualTo(DocumentFormat.PNG);
			assertThat(inspector.width()).as("chunk %d", chunk).isEqualTo(640);
			assertThat(inspector.height()).isEqualTo(480);
			assertThat(inspector.size()).isEqualTo(png.length);
		}
	}

	@Test
	void skipsLargeJpegSegmentsBeforeTheFrameHeader() {
		// SOI, then a 60 KB APP1 (EXIF-like) and a COM segment the walk must jump over, then the JDK's JPEG.
		byte[] encoded = TestFiles.jpeg(1024, 768);
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		jpeg.write(0xff);
		jpeg.write(0xd8);
		segment(jpeg, 0xe1, 60_000);
		segment(jpeg, 0xfe, 10);
		jpeg.write(encoded, 2, encoded.length - 2);
		byte[] bytes = jpeg.toByteArray();
		for (int chunk : new int[] { 1, 5, 4096, 65536, bytes.length }) {
			DocumentInspector inspector = inspect(bytes, chunk);
			assertThat(inspector.format()).isEqualTo(DocumentFormat.JPEG);
			assertThat(inspector.width()).as("chunk %d", chunk).isEqualTo(1024);
			assertThat(inspector.height()).isEqualTo(768);
		}
	}

	@Test
	void recognisesPdfAndRefusesEverythingElse() {
		assertThat(inspect(TestFiles.pdf("x"), 3).format()).isEqualTo(DocumentFormat.PDF);
		assertThat(inspect(TestFiles.pdf("x"), 3).width()).isNull();
		assertThatThrownBy(() -> inspect(TestFiles.exe(1000), 1000)).isInstanceOf(DocumentInspector.Refusal.class)
			.extracting(ex -> ((DocumentInspector.Refusal) ex).reason())
			.isEqualTo(DocumentInspector.Refusal.Reason.UNSUPPORTED_FORMAT);
		// A GIF is an image, but not one of the accepted formats.
		assertThatThrownBy(() -> inspect("GIF89a....".getBytes(), 4)).isInstanceOf(DocumentInspector.Refusal.class);
		// Too short to be anything.
		assertThatThrownBy(() -> inspect(new byte[] { 'J' }, 1)).isInstanceOf(DocumentInspector.Refusal.class);
	}

	@Test
	void refusesTheBufferThatCrossesTheLimit() {
		DocumentInspector inspector = new DocumentInspector(10);
		inspector.inspect(buffer(TestFiles.pdf("x"), 0, 10));
		assertThatThrownBy(() -> inspector.inspect(buffer(new byte[] { 1 }, 0, 1)))
			.isInstanceOf(DocumentInspector.Refusal.class)
			.extracting(ex -> ((DocumentInspector.Refusal) ex).reason())
			.isEqualTo(DocumentInspector.Refusal.Reason.TOO_LARGE);
	}

	@Test
	void aTruncatedJpegHasNoSize() {
		byte[] jpeg = TestFiles.jpeg(800, 600);
		DocumentInspector inspector = inspect(Arrays.copyOf(jpeg, 12), 5);
		assertThat(inspector.format()).isEqualTo(DocumentFormat.JPEG);
		assertThat(inspector.width()).isNull();
	}

	private static void segment(ByteArrayOutputStream out, int marker, int payload) {
		out.write(0xff);
		out.write(marker);
		int length = payload + 2;
		out.write(length >> 8);
		out.write(length & 0xff);
		for (int i = 0; i < payload; i++) {
			// Payload bytes that look like markers must not confuse the walk.
			out.write(i % 3 == 0 ? 0xff : 0xc0);
		}
	}

	private static DocumentInspector inspect(byte[] bytes, int chunk) {
		DocumentInspector inspector = new DocumentInspector(Long.MAX_VALUE);
		for (int i = 0; i < bytes.length; i += chunk) {
			DataBuffer buffer = buffer(bytes, i, Math.min(chunk, bytes.length - i));
			int position = buffer.readPosition();
			inspector.inspect(buffer);
			assertThat(buffer.readPosition()).as("inspection does not consume").isEqualTo(position);
		}
		inspector.finish();
		return inspector;
	}

	private static DataBuffer buffer(byte[] bytes, int offset, int length) {
		// Offset into a larger array, so absolute indexes are exercised.
		byte[] padded = new byte[length + 7];
		System.arraycopy(bytes, offset, padded, 7, length);
		DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(padded);
		buffer.readPosition(7);
		return buffer;
	}

}
