package ma.moncompte.requests.internal;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the bytes of supporting documents live, addressed by their SHA-256. Content is streamed in
 * and out, never held whole in memory. Writing is two-phase so that nothing half-received or refused
 * is ever visible: {@link #stage} receives and hashes, {@link #commit} publishes atomically. The local
 * filesystem implements it today; an S3-compatible store fits the same port (multipart upload, then
 * copy to the content address).
 */
interface DocumentStore {

	/** Receives the content and hashes it on the way; nothing is visible until {@link #commit}. */
	Mono<StagedContent> stage(Flux<DataBuffer> content);

	/** Publishes staged content under its content address and returns the storage key; equal content is stored once. */
	Mono<String> commit(StagedContent staged);

	/** Forgets staged content that will not be kept. */
	Mono<Void> discard(StagedContent staged);

	/** Streams stored content; errors if the key is unknown. */
	Flux<DataBuffer> read(String key, DataBufferFactory buffers);

	/**
	 * @param sha256 lowercase hex digest of the content
	 * @param stagingId the store's own handle on the staged bytes
	 */
	record StagedContent(String sha256, long size, String stagingId) {
	}

}
