using System.Net;

namespace Releat.ServiceDefaults.Auth;

/// <summary>Tells whether a bound server address (as Kestrel reports it) can be reached only from this machine.</summary>
internal static class ListenAddress
{
    public static bool IsLocalOnly(string address)
    {
        ArgumentNullException.ThrowIfNull(address);

        // Unix domain sockets ("http://unix:/run/x.sock") are not reachable over the network.
        if (address.Contains("://unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // 0.0.0.0, [::], "*" and "+" listen on every interface; host names bind to every interface as well.
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }
}
