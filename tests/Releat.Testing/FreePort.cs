using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Releat.Testing;

/// <summary>Loopback ports for servers started as separate processes, where port 0 cannot be read back.</summary>
/// <remarks>
/// A port is only free until someone takes it, and the child process binds it a second or more after we chose it.
/// Asking the kernel for port 0 hands out a port from the ephemeral range, the same range every outgoing connection
/// of the suite (thousands of HTTP and gRPC clients, Redis connections) takes its local port from, so one of those
/// could take the port in that window (seen in a stress run: a service failed to bind its port). Ports are chosen
/// below the ephemeral range instead, where only listeners live, at random so that test processes running side by
/// side rarely pick the same one, checked free by binding, and never handed out twice by this process.
/// <see cref="ServiceProcess"/> still starts again on fresh ports if a bind fails.
/// </remarks>
public static class FreePort
{
    private const int Lowest = 20_000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Random Pick = new();
    private static readonly int EphemeralStart = ReadEphemeralStart();

    public static int Next()
    {
        lock (HandedOut)
        {
            for (int attempt = 0; attempt < 200; attempt++)
            {
                int port = Pick.Next(Lowest, EphemeralStart);
                if (!HandedOut.Contains(port) && CanBind(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {EphemeralStart} after 200 tries.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int ReadEphemeralStart()
    {
        // Linux: "32768\t60999". Elsewhere (or if unreadable) the IANA dynamic range starts at 49152; both leave
        // thousands of ports above Lowest.
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (File.Exists(RangeFile))
            {
                var first = File.ReadAllText(RangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
                int start = int.Parse(first, CultureInfo.InvariantCulture);
                if (start > Lowest + 1_000)
                {
                    return start;
                }
            }
        }
        catch (IOException)
        {
            // Fall back below.
        }

        return 32_768;
    }
}
