package ma.moncompte.requests;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

/** Real files for uploads, made with the JDK's own encoders so the server's parsing is checked against them. */
public final class TestFiles {

	private TestFiles() {
	}

	public static byte[] png(int width, int height) {
		return image("png", width, height);
	}

	public static byte[] jpeg(int width, int height) {
		return image("jpeg", width, height);
	}

	/** A small valid PDF. */
	public static byte[] pdf(String text) {
		return ("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
				+ "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% " + text + "\ntrailer <</Root 1 0 R>>\n%%EOF\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/** The first bytes of a Windows executable ("MZ"...), whatever the file is later called. */
	public static byte[] exe(int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 0x90);
		bytes[0] = 'M';
		bytes[1] = 'Z';
		return bytes;
	}

	/** A PDF header followed by filler, to the given size. */
	public static byte[] pdfOfSize(int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) ' ');
		byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(header, 0, bytes, 0, header.length);
		return bytes;
	}

	private static byte[] image(String format, int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(230, 235, 240));
		g.fillRect(0, 0, width, height);
		g.setColor(new Color(40, 60, 90));
		g.fillOval(width / 4, height / 6, width / 2, height / 2);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No " + format + " writer");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
