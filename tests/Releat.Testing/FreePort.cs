using System.Net;
using System.Net.Sockets;

namespace Releat.Testing;

/// <summary>Loopback ports for servers started as separate processes, where port 0 cannot be read back.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
