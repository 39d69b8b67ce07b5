package ma.moncompte.requests.internal;

/** The file formats accepted for supporting documents, recognised by their first bytes. */
enum DocumentFormat {

	JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), PDF("application/pdf", "pdf");

	private final String mediaType;

	private final String extension;

	DocumentFormat(String mediaType, String extension) {
		this.mediaType = mediaType;
		this.extension = extension;
	}

	String mediaType() {
		return this.mediaType;
	}

	String extension() {
		return this.extension;
	}

	static DocumentFormat ofMediaType(String mediaType) {
		for (DocumentFormat format : values()) {
			if (format.mediaType.equals(mediaType)) {
				return format;
			}
		}
		throw new IllegalArgumentException("Not a document format: " + mediaType);
	}

}
