namespace Releat.Mt5Bridge.Terminal;

/// <summary>Where the gateway waits for the terminal's Expert Advisor and how it authenticates it.</summary>
public sealed class Mt5BridgeOptions
{
    /// <summary>Loopback by default: the EA normally runs on the same host (Windows, or Wine on Linux).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 7001;

    /// <summary>The shared secret itself, e.g. from an environment variable (Mt5Bridge__SharedSecret).</summary>
    public string? SharedSecret { get; set; }

    /// <summary>A file holding the shared secret, e.g. a mounted Kubernetes or compose secret.</summary>
    public string? SharedSecretFile { get; set; }

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The secret from <see cref="SharedSecret"/> or <see cref="SharedSecretFile"/>; there is no default.</summary>
    public string ResolveSecret()
    {
        if (!string.IsNullOrEmpty(SharedSecret))
        {
            return SharedSecret;
        }

        if (!string.IsNullOrEmpty(SharedSecretFile))
        {
            var secret = File.Exists(SharedSecretFile)
                ? File.ReadAllText(SharedSecretFile).Trim()
                : throw new InvalidOperationException($"Mt5Bridge:SharedSecretFile '{SharedSecretFile}' does not exist");
            return secret.Length > 0 ? secret : throw new InvalidOperationException($"Mt5Bridge:SharedSecretFile '{SharedSecretFile}' is empty");
        }

        throw new InvalidOperationException(
            "The MT5 bridge needs a shared secret: set Mt5Bridge:SharedSecret (env Mt5Bridge__SharedSecret) or Mt5Bridge:SharedSecretFile.");
    }
}
