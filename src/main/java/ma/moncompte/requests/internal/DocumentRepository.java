package ma.moncompte.requests.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class DocumentRepository {

	private static final String COLUMNS = "id, request_id, kind, content_type, size_bytes, sha256, storage_key, filename, width, height, uploaded_at";

	private final DatabaseClient db;

	DocumentRepository(DatabaseClient db) {
		this.db = db;
	}

	record Document(UUID id, UUID requestId, String kind, String contentType, long sizeBytes, String sha256,
			String storageKey, String filename, Integer width, Integer height, Instant uploadedAt) {

		static Document from(Readable row) {
			return new Document(row.get("id", UUID.class), row.get("request_id", UUID.class),
					row.get("kind", String.class), row.get("content_type", String.class),
					row.get("size_bytes", Long.class), row.get("sha256", String.class),
					row.get("storage_key", String.class), row.get("filename", String.class),
					row.get("width", Integer.class), row.get("height", Integer.class),
					row.get("uploaded_at", OffsetDateTime.class).toInstant());
		}

	}

	record NewDocument(UUID requestId, UUID accountId, String kind, DocumentFormat format, long size, String sha256,
			String storageKey, String filename, Integer width, Integer height) {
	}

	/** Records the document only while its citizen may still edit the request; emits nothing otherwise. */
	Mono<Document> insert(NewDocument document) {
		return this.db.sql("""
				INSERT INTO request_documents (request_id, kind, content_type, size_bytes, sha256, storage_key, filename,
				                               width, height, uploaded_by)
				SELECT r.id, :kind, :contentType, :size, :sha256, :key, :filename, :width, :height, :account
				FROM service_requests r
				WHERE r.id = :request AND r.account_id = :account AND r.status IN ('DRAFT', 'ADDITIONAL_INFO_REQUIRED')
				RETURNING %s""".formatted(COLUMNS))
			.bind("kind", document.kind())
			.bind("contentType", document.format().mediaType())
			.bind("size", document.size())
			.bind("sha256", document.sha256())
			.bind("key", document.storageKey())
			.bind("filename", Parameters.in(R2dbcType.VARCHAR, document.filename()))
			.bind("width", Parameters.in(R2dbcType.INTEGER, document.width()))
			.bind("height", Parameters.in(R2dbcType.INTEGER, document.height()))
			.bind("account", document.accountId())
			.bind("request", document.requestId())
			.map(Document::from)
			.one();
	}

	Flux<Document> findByRequest(UUID requestId) {
		return this.db.sql("SELECT " + COLUMNS + " FROM request_documents WHERE request_id = :request ORDER BY uploaded_at, id")
			.bind("request", requestId)
			.map(Document::from)
			.all();
	}

	Mono<Document> find(UUID requestId, UUID documentId) {
		return this.db.sql("SELECT " + COLUMNS + " FROM request_documents WHERE id = :id AND request_id = :request")
			.bind("id", documentId)
			.bind("request", requestId)
			.map(Document::from)
			.one();
	}

	/** Removes a document while its citizen may still edit the request; emits whether one was removed. */
	Mono<Boolean> delete(UUID requestId, UUID accountId, UUID documentId) {
		return this.db.sql("""
				DELETE FROM request_documents d USING service_requests r
				WHERE d.id = :id AND d.request_id = :request AND r.id = d.request_id AND r.account_id = :account
				  AND r.status IN ('DRAFT', 'ADDITIONAL_INFO_REQUIRED')""")
			.bind("id", documentId)
			.bind("request", requestId)
			.bind("account", accountId)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows > 0);
	}

}
