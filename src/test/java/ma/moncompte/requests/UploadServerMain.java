package ma.moncompte.requests;

import java.io.File;

import ma.moncompte.MonCompteApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

/**
 * The real application, started in a separate JVM by {@link HeapBoundedUploadTest} with a small heap;
 * it writes its HTTP port to the file named by the system property {@code upload-server.port-file}.
 */
public final class UploadServerMain {

	private UploadServerMain() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(MonCompteApplication.class);
		application.setAdditionalProfiles("devstack");
		application.addListeners(new WebServerPortFileWriter(new File(System.getProperty("upload-server.port-file"))));
		application.run(args);
	}

}
