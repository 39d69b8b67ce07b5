package ma.moncompte.requests.internal;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/** Streams a document back as an attachment, with the type its content was recognised as. */
@Component
class DocumentDownloads {

	private final DocumentStore store;

	DocumentDownloads(DocumentStore store) {
		this.store = store;
	}

	ResponseEntity<Flux<DataBuffer>> download(DocumentRepository.Document document) {
		DocumentFormat format = DocumentFormat.ofMediaType(document.contentType());
		String filename = document.filename() != null ? document.filename()
				: document.kind().toLowerCase() + "." + format.extension();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(format.mediaType()))
			.contentLength(document.sizeBytes())
			.eTag("\"" + document.sha256() + "\"")
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
			// Browsers must not second-guess the type (an image with a script inside stays an image).
			.header("X-Content-Type-Options", "nosniff")
			.body(this.store.read(document.storageKey(), DefaultDataBufferFactory.sharedInstance));
	}

}
