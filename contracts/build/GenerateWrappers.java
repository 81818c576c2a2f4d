import org.web3j.codegen.SolidityFunctionWrapperGenerator;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Build step: generates one web3j wrapper per compiled contract (every {@code X.abi} with its
 * {@code X.bin}) with org.web3j:codegen. Run by Maven as a single-file Java program so that the
 * generator runs in its own JVM on the codegen classpath (its CLI entry point may exit the JVM).
 * Usage: java -cp CODEGEN_CLASSPATH build/GenerateWrappers.java SOLIDITY_OUT_DIR SOURCE_OUT_DIR PACKAGE
 */
public class GenerateWrappers {

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        File out = new File(args[1]);
        String pkg = args[2];
        if (!Files.isDirectory(in)) {
            System.out.println("contracts: no compiled contracts in " + in);
            return;
        }
        int count = 0;
        try (Stream<Path> abis = Files.list(in)) {
            for (Path abi : abis.filter(p -> p.toString().endsWith(".abi")).sorted().toList()) {
                String name = abi.getFileName().toString().replace(".abi", "");
                Path target = out.toPath().resolve(pkg.replace('.', '/')).resolve(name + ".java");
                Path bin = in.resolve(name + ".bin");
                // up to date: skip, generation is the slow part of an incremental build
                if (Files.exists(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(abi)) > 0
                        && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(bin)) > 0) {
                    continue;
                }
                // Java native types (String, BigInteger, byte[], List), not primitives; 20-byte addresses.
                new SolidityFunctionWrapperGenerator(bin.toFile(), abi.toFile(), out, name, pkg, true, false, 20).generate();
                count++;
            }
        }
        System.out.println("contracts: generated " + count + " web3j wrappers into " + out + " (" + pkg + ")");
    }
}
