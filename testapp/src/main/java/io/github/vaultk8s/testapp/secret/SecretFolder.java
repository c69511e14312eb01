package io.github.vaultk8s.testapp.secret;

import java.util.List;

/**
 * The content of a folder under {@code secret/testapp/}.
 *
 * @param folder the folder listed, {@code ""} for the top
 * @param secrets the secret names directly in it
 * @param folders the sub-folder names in it, each ending with {@code /}
 */
public record SecretFolder(String folder, List<String> secrets, List<String> folders) {

}
