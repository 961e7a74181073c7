package org.nqpf.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proxy against a real echo server: bytes pass, a cut drops open connections and refuses new ones. */
class TcpProxyTest {

    private static ServerSocket echo;

    @BeforeAll
    static void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        }
                        catch (IOException ignored) {
                            // client went away
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                }
                catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopEcho() throws IOException {
        echo.close();
    }

    @Test
    void should_ForwardBytesBothWays_When_NotCut() throws IOException {
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort());
                Socket client = new Socket(proxy.host(), proxy.port())) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
        }
    }

    @Test
    void should_DropOpenConnectionsAndRefuseNewOnes_When_Cut_And_ForwardAgain_When_Restored() throws Exception {
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort())) {
            Socket before = new Socket(proxy.host(), proxy.port());
            assertThat(roundTrip(before, "one")).isEqualTo("one");

            proxy.cut();
            assertThat(proxy.isCut()).isTrue();
            before.setSoTimeout(5_000);
            assertThatThrownBy(() -> {
                before.getOutputStream().write("two".getBytes());
                if (before.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            }).isInstanceOf(IOException.class);
            before.close();
            try (Socket during = new Socket(proxy.host(), proxy.port())) {
                during.setSoTimeout(5_000);
                assertThatThrownBy(() -> {
                    during.getOutputStream().write("three".getBytes());
                    if (during.getInputStream().read() < 0) {
                        throw new IOException("closed");
                    }
                }).isInstanceOf(IOException.class);
            }

            proxy.restore();
            try (Socket after = new Socket(proxy.host(), proxy.port())) {
                assertThat(roundTrip(after, "four")).isEqualTo("four");
            }
        }
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(text.getBytes());
        socket.getOutputStream().flush();
        byte[] buffer = new byte[text.length()];
        int read = 0;
        while (read < buffer.length) {
            int n = socket.getInputStream().read(buffer, read, buffer.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(buffer, 0, read);
    }
}
