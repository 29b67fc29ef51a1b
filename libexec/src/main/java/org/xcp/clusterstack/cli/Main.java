package org.xcp.clusterstack.cli;

public final class Main {
    public static void main(String[] args) {
    }
}
