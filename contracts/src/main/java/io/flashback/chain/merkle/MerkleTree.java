package io.flashback.chain.merkle;

import io.flashback.chain.Bytes32;
import org.web3j.crypto.Hash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Merkle tree over leaf hashes, built the way OpenZeppelin's StandardMerkleTree builds it
 * (https://github.com/OpenZeppelin/merkle-tree): leaves sorted, laid out as a complete binary tree
 * in an array, and pairs hashed in sorted order (commutative keccak256), which is what
 * OpenZeppelin's {@code MerkleProof.verify} expects. Same leaves give the same root as the JS library.
 */
public final class MerkleTree {

    private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    private final byte[][] tree;
    private final Map<Bytes32, Integer> leafIndex = new HashMap<>();

    private MerkleTree(byte[][] tree) {
        this.tree = tree;
    }

    /** Builds the tree over {@code leaves} (already hashed leaves, e.g. {@link ResultLeaves#leaf}). */
    public static MerkleTree of(List<Bytes32> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<byte[]> sorted = new ArrayList<>(leaves.size());
        leaves.forEach(leaf -> sorted.add(leaf.bytes()));
        sorted.sort(UNSIGNED);
        int n = sorted.size();
        byte[][] tree = new byte[2 * n - 1][];
        for (int i = 0; i < n; i++) {
            tree[tree.length - 1 - i] = sorted.get(i);
        }
        for (int i = tree.length - 1 - n; i >= 0; i--) {
            tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
        }
        MerkleTree merkleTree = new MerkleTree(tree);
        for (int i = 0; i < n; i++) {
            merkleTree.leafIndex.putIfAbsent(Bytes32.of(tree[tree.length - 1 - i]), tree.length - 1 - i);
        }
        return merkleTree;
    }

    public Bytes32 root() {
        return Bytes32.of(tree[0]);
    }

    public int size() {
        return leafIndex.size();
    }

    /** The sibling hashes from the leaf up to the root. */
    public List<Bytes32> proof(Bytes32 leaf) {
        Integer index = leafIndex.get(leaf);
        if (index == null) {
            throw new IllegalArgumentException("not a leaf of this tree: " + leaf);
        }
        List<Bytes32> proof = new ArrayList<>();
        for (int i = index; i > 0; i = (i - 1) / 2) {
            int sibling = i % 2 == 1 ? i + 1 : i - 1;
            proof.add(Bytes32.of(tree[sibling]));
        }
        return proof;
    }

    /** The check OpenZeppelin's MerkleProof.verify makes. */
    public static boolean verify(List<Bytes32> proof, Bytes32 root, Bytes32 leaf) {
        byte[] computed = leaf.bytes();
        for (Bytes32 sibling : proof) {
            computed = hashPair(computed, sibling.bytes());
        }
        return Arrays.equals(computed, root.bytes());
    }

    static byte[] hashPair(byte[] a, byte[] b) {
        byte[] pair = new byte[64];
        boolean aFirst = Arrays.compareUnsigned(a, b) < 0;
        System.arraycopy(aFirst ? a : b, 0, pair, 0, 32);
        System.arraycopy(aFirst ? b : a, 0, pair, 32, 32);
        return Hash.sha3(pair);
    }
}
