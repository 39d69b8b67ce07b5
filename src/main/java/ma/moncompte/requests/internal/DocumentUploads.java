package ma.moncompte.requests.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import ma.moncompte.requests.internal.DocumentInspector.Refusal;
import ma.moncompte.requests.internal.DocumentStore.StagedContent;
import ma.moncompte.support.ApiProblem;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

/**
 * Receives supporting documents as a stream. The multipart body is read as {@link PartEvent}s, the
 * streaming form of WebFlux's {@code FilePart}: the file's buffers go from the socket through the
 * inspector (size limit, magic bytes, image header) to the document store, a few at a time, so neither
 * the heap nor a temporary copy ever holds the whole file, and an upload over the limit is refused the
 * moment it crosses it.
 */
@Component
class DocumentUploads {

	/** Multipart framing around the file (boundaries, part headers, the kind field), generously. */
	private static final long MULTIPART_OVERHEAD = 64 * 1024;

	private static final int MAX_FILENAME = 200;

	private final ServiceRequestRepository requests;

	private final DocumentRepository documents;

	private final RequestCatalog catalog;

	private final DocumentStore store;

	private final TransactionalOperator transactions;

	private final long maxFileSize;

	private final PartEventHttpMessageReader multipart;

	DocumentUploads(ServiceRequestRepository requests, DocumentRepository documents, RequestCatalog catalog,
			DocumentStore store, TransactionalOperator transactions, RequestsProperties properties) {
		this.requests = requests;
		this.documents = documents;
		this.catalog = catalog;
		this.store = store;
		this.transactions = transactions;
		this.maxFileSize = properties.maxFileSize().toBytes();
		this.multipart = new PartEventHttpMessageReader();
		this.multipart.setMaxParts(2);
		this.multipart.setMaxHeadersSize(8 * 1024);
		this.multipart.setMaxInMemorySize(1024);
		this.multipart.setMaxPartSize(this.maxFileSize + 1);
	}

	/** What the parts said, as they arrive. */
	private static final class Upload {

		final AtomicReference<String> kind = new AtomicReference<>();

		final AtomicReference<String> filename = new AtomicReference<>();

		final AtomicReference<StagedContent> staged = new AtomicReference<>();

		volatile DocumentInspector inspector;

		volatile boolean fileDone;

	}

	Mono<RequestViews.DocumentView> upload(UUID accountId, UUID requestId, ServerHttpRequest http) {
		long declared = http.getHeaders().getContentLength();
		if (declared > this.maxFileSize + MULTIPART_OVERHEAD) {
			return Mono.error(tooLarge());
		}
		MediaType contentType = http.getHeaders().getContentType();
		if (contentType == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(contentType)) {
			return Mono.error(new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart-required",
					"Multipart required", "Send the document as multipart/form-data with the parts kind and file."));
		}
		return this.requests.findById(requestId)
			.filter(request -> request.accountId().equals(accountId))
			.switchIfEmpty(Mono.error(RequestProblems::notFound))
			.flatMap(request -> {
				if (!request.status().isEditableByCitizen()) {
					return Mono.error(RequestProblems.notEditable(request.status()));
				}
				RequestCatalog.RequestType type = this.catalog.type(request.typeCode()).orElseThrow();
				Upload upload = new Upload();
				return receive(http, upload)
					.then(Mono.defer(() -> record(accountId, request, type, upload)))
					.onErrorResume(ex -> discard(upload).then(Mono.error(translate(ex))));
			});
	}

	/**
	 * One linear pipeline, no window or queue before the copy: each buffer the multipart parser hands
	 * over is inspected and copied while the parser still guarantees it, then released at once, so no
	 * network buffer is ever held across threads. Only the copies (a few at a time) wait for the disk.
	 */
	private Mono<Void> receive(ServerHttpRequest http, Upload upload) {
		Flux<DataBuffer> content = this.multipart.read(ResolvableType.forClass(PartEvent.class), http, Map.of())
			.handle((PartEvent event, SynchronousSink<DataBuffer> sink) -> {
				DataBuffer received = event.content();
				try {
					if (event instanceof FormPartEvent form && "kind".equals(form.name()) && upload.kind.get() == null) {
						upload.kind.set(form.value().trim());
					}
					else if (event instanceof FilePartEvent file && "file".equals(file.name()) && !upload.fileDone) {
						if (upload.inspector == null) {
							upload.filename.set(cleanFilename(file.filename()));
							upload.inspector = new DocumentInspector(this.maxFileSize);
						}
						if (received.readableByteCount() > 0) {
							upload.inspector.inspect(received);
							sink.next(copy(received));
						}
						upload.fileDone = event.isLast();
					}
					else {
						sink.error(ApiProblem.badRequest("unexpected-part", "Unexpected part",
								"Send exactly two parts: kind and file."));
					}
				}
				catch (RuntimeException refused) {
					sink.error(refused);
				}
				finally {
					DataBufferUtils.release(received);
				}
			});
		return this.store.stage(content).doOnNext(upload.staged::set).then();
	}

	private static DataBuffer copy(DataBuffer received) {
		DataBuffer copy = DefaultDataBufferFactory.sharedInstance.allocateBuffer(received.readableByteCount());
		copy.write(received);
		return copy;
	}

	private Mono<RequestViews.DocumentView> record(UUID accountId, ServiceRequest request,
			RequestCatalog.RequestType type, Upload upload) {
		String kind = upload.kind.get();
		StagedContent staged = upload.staged.get();
		if (kind == null || staged == null || upload.inspector == null) {
			return Mono.error(ApiProblem.badRequest("missing-part", "Missing part",
					"Send the parts kind (the document kind) and file (the document)."));
		}
		if (type.document(kind).isEmpty()) {
			return Mono.error(ApiProblem.badRequest("unknown-document-kind", "Unknown document kind",
					type.code() + " takes the documents "
							+ String.join(", ", type.documents().stream().map(RequestCatalog.DocumentRequirement::kind).toList())
							+ ".")
				.with("accepted", type.documents().stream().map(RequestCatalog.DocumentRequirement::kind).toList()));
		}
		DocumentInspector inspector = upload.inspector;
		if (inspector.size() == 0) {
			return Mono.error(ApiProblem.badRequest("empty-document", "Empty document", "The file is empty."));
		}
		try {
			inspector.finish();
		}
		catch (Refusal refusal) {
			return Mono.error(refusal);
		}
		RequestCatalog.DocumentKind rules = this.catalog.kind(kind);
		if (!rules.accepts().contains(inspector.format())) {
			return Mono.error(unsupported(rules));
		}
		if (rules.minWidth() != null || rules.minHeight() != null) {
			Integer width = inspector.width();
			Integer height = inspector.height();
			if (width == null || height == null) {
				return Mono.error(ApiProblem.unprocessable("unreadable-image", "Unreadable image",
						"The image's size could not be read; send a standard JPEG or PNG."));
			}
			if ((rules.minWidth() != null && width < rules.minWidth())
					|| (rules.minHeight() != null && height < rules.minHeight())) {
				return Mono.error(ApiProblem.unprocessable("image-too-small", "Image too small",
						"The image is " + width + "×" + height + " pixels; at least " + rules.minWidth() + "×"
								+ rules.minHeight() + " are needed.")
					.with("width", width)
					.with("height", height)
					.with("minWidth", rules.minWidth())
					.with("minHeight", rules.minHeight()));
			}
		}
		// Published before the row is written: content-addressed, so content that ends up unreferenced
		// (the request moved on meanwhile, or the transaction fails) is harmless, while a row can never
		// point at content that is not there.
		return this.store.commit(staged)
			.flatMap(key -> this.documents.insert(new DocumentRepository.NewDocument(request.id(), accountId, kind,
					inspector.format(), staged.size(), staged.sha256(), key, upload.filename.get(), inspector.width(),
					inspector.height())))
			.switchIfEmpty(Mono.defer(() -> this.requests.findById(request.id())
				.flatMap(now -> Mono.error(RequestProblems.notEditable(now.status())))))
			.map(RequestViews.DocumentView::of)
			.as(this.transactions::transactional);
	}

	private Mono<Void> discard(Upload upload) {
		StagedContent staged = upload.staged.get();
		return staged == null ? Mono.empty() : this.store.discard(staged);
	}

	private Throwable translate(Throwable ex) {
		if (ex instanceof Refusal refusal) {
			return switch (refusal.reason()) {
				case TOO_LARGE -> tooLarge();
				case UNSUPPORTED_FORMAT -> new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-document-format",
						"Unsupported document format", "Documents must be JPEG, PNG or PDF files; the file's content is none of these.");
			};
		}
		if (ex instanceof DataBufferLimitException) {
			return tooLarge();
		}
		if (ex instanceof DecodingException) {
			// Too many parts, no boundary, a body cut short: the client's multipart is broken.
			return ApiProblem.badRequest("malformed-multipart", "Malformed multipart body",
					"The multipart body could not be read; send the parts kind and file.");
		}
		return ex;
	}

	private ApiProblem tooLarge() {
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "document-too-large", "Document too large",
				"A document may be at most " + this.maxFileSize + " bytes.")
			.with("maxBytes", this.maxFileSize);
	}

	private static ApiProblem unsupported(RequestCatalog.DocumentKind rules) {
		return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-document-format",
				"Unsupported document format", rules.code() + " must be one of "
						+ String.join(", ", rules.accepts().stream().map(Enum::name).sorted().toList()) + ".")
			.with("accepted", rules.accepts().stream().map(DocumentFormat::mediaType).sorted().toList());
	}

	/** Only the last path segment, printable, bounded: it is shown back and used in downloads. */
	static String cleanFilename(String filename) {
		if (filename == null) {
			return null;
		}
		String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
		name = name.codePoints().filter(c -> c >= 0x20 && c != 0x7f).collect(StringBuilder::new,
				StringBuilder::appendCodePoint, StringBuilder::append).toString().trim();
		if (name.isEmpty()) {
			return null;
		}
		return name.length() > MAX_FILENAME ? name.substring(0, MAX_FILENAME) : name;
	}

}
