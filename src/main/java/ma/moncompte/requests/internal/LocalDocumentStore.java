package ma.moncompte.requests.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Content-addressed files under {@code moncompte.requests.storage-directory}: {@code sha256/ab/cd/<digest>}.
 * Uploads are written to {@code staging/}, flushed to disk, then renamed into place in one atomic
 * step, so a reader never sees a partial file. File writes and hashing run on the bounded elastic
 * scheduler, a few buffers at a time, so memory stays bounded whatever the size of the upload.
 */
@Component
class LocalDocumentStore implements DocumentStore {

	private static final String KEY_PREFIX = "sha256/";

	private static final Pattern KEY = Pattern.compile("sha256/[0-9a-f]{64}");

	private static final Pattern STAGING_ID = Pattern.compile("upload-[0-9A-Za-z_-]+\\.part");

	/** Buffers queued between the network and the disk: with ~8-64 KB chunks, well under a megabyte. */
	private static final int IN_FLIGHT_BUFFERS = 4;

	private static final int READ_BUFFER_SIZE = 64 * 1024;

	private final Path root;

	private final Path staging;

	LocalDocumentStore(RequestsProperties properties) {
		this.root = properties.storageDirectory().toAbsolutePath().normalize();
		this.staging = this.root.resolve("staging");
		try {
			Files.createDirectories(this.staging);
			Files.createDirectories(this.root.resolve("sha256"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the document store in " + this.root, ex);
		}
	}

	@Override
	public Mono<StagedContent> stage(Flux<DataBuffer> content) {
		return Mono.fromCallable(() -> Files.createTempFile(this.staging, "upload-", ".part"))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(temp -> Mono.using(() -> new HashingWriter(temp),
					writer -> content.publishOn(Schedulers.boundedElastic(), IN_FLIGHT_BUFFERS)
						.doOnNext(writer::write)
						.then(Mono.fromCallable(writer::finish)),
					HashingWriter::close)
				.onErrorResume(ex -> delete(temp).then(Mono.error(ex)))
				.doOnCancel(() -> delete(temp).subscribe()));
	}

	@Override
	public Mono<String> commit(StagedContent staged) {
		return Mono.fromCallable(() -> {
			Path temp = stagingPath(staged.stagingId());
			Path target = objectPath(staged.sha256());
			if (Files.exists(target)) {
				// Same digest, same bytes: keep the copy already published.
				Files.deleteIfExists(temp);
			}
			else {
				Files.createDirectories(target.getParent());
				try {
					Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (FileAlreadyExistsException raced) {
					Files.deleteIfExists(temp);
				}
			}
			return KEY_PREFIX + staged.sha256();
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> discard(StagedContent staged) {
		return delete(stagingPath(staged.stagingId()));
	}

	@Override
	public Flux<DataBuffer> read(String key, DataBufferFactory buffers) {
		if (!KEY.matcher(key).matches()) {
			return Flux.error(new IllegalArgumentException("Not a document key: " + key));
		}
		Path path = objectPath(key.substring(KEY_PREFIX.length()));
		// AsynchronousFileChannel: reading does not block an event loop.
		return DataBufferUtils.read(path, buffers, READ_BUFFER_SIZE);
	}

	Path objectPath(String sha256) {
		return this.root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}

	private Path stagingPath(String stagingId) {
		if (!STAGING_ID.matcher(stagingId).matches()) {
			throw new IllegalArgumentException("Not a staging id: " + stagingId);
		}
		return this.staging.resolve(stagingId);
	}

	private static Mono<Void> delete(Path path) {
		return Mono.<Void>fromRunnable(() -> {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).subscribeOn(Schedulers.boundedElastic()).onErrorResume(ex -> Mono.empty());
	}

	/** Writes buffers to a staging file and digests them; used from one thread at a time. */
	private static final class HashingWriter {

		private final Path path;

		private final FileChannel channel;

		private final MessageDigest digest;

		private long size;

		HashingWriter(Path path) throws IOException {
			this.path = path;
			this.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is part of every JRE", ex);
			}
		}

		void write(DataBuffer buffer) {
			try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
				while (chunks.hasNext()) {
					ByteBuffer chunk = chunks.next();
					this.digest.update(chunk.duplicate());
					while (chunk.hasRemaining()) {
						this.size += this.channel.write(chunk);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

		StagedContent finish() throws IOException {
			this.channel.force(true);
			this.channel.close();
			return new StagedContent(HexFormat.of().formatHex(this.digest.digest()), this.size,
					this.path.getFileName().toString());
		}

		void close() {
			try {
				this.channel.close();
			}
			catch (IOException ignored) {
				// Already closed by finish(), or the upload failed and the file is being deleted.
			}
		}

	}

}
