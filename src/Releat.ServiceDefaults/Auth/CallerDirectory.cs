using System.Buffers;
using Releat.Contracts.Secrets;
using System.Security.Cryptography;
using System.Text;

namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// The configured callers, each kept as the SHA-256 of its token. A presented token is hashed and compared with
/// every caller's hash in constant time (CryptographicOperations.FixedTimeEquals over fixed-length hashes), so
/// neither the token's content nor its length shows in the answer time. Tokens themselves are not kept.
/// </summary>
internal sealed class CallerDirectory
{
    private readonly Caller[] _callers;
    private readonly byte[][] _tokenHashes;

    private CallerDirectory(Caller[] callers, byte[][] tokenHashes)
    {
        _callers = callers;
        _tokenHashes = tokenHashes;
    }

    public int Count => _callers.Length;

    /// <summary>Reads and checks Auth:Callers; every mistake names its configuration key.</summary>
    public static CallerDirectory From(CallerAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var callers = new List<Caller>(options.Callers.Count);
        var hashes = new List<byte[]>(options.Callers.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Callers.Count; i++)
        {
            var entry = options.Callers[i];
            var key = $"{CallerAuthOptions.SectionName}:Callers:{i}";
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new InvalidOperationException($"{key}:Name is missing: every caller needs a name for the logs.");
            }

            if (!names.Add(entry.Name))
            {
                throw new InvalidOperationException($"{key}:Name '{entry.Name}' is used by another caller; names must be unique.");
            }

            var role = ParseRole(entry.Role, key);
            var token = ReadToken(entry, key);
            if (token.Length < options.MinimumTokenLength)
            {
                throw new InvalidOperationException(
                    $"{key} ('{entry.Name}'): the token is shorter than {options.MinimumTokenLength} characters; use a random one " +
                    "(e.g. openssl rand -hex 32).");
            }

            if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new InvalidOperationException($"{key} ('{entry.Name}'): the token contains whitespace or control characters.");
            }

            var hash = Hash(token);
            if (hashes.Any(h => CryptographicOperations.FixedTimeEquals(h, hash)))
            {
                throw new InvalidOperationException(
                    $"{key} ('{entry.Name}'): the token is the same as another caller's; each caller needs its own.");
            }

            callers.Add(new Caller(entry.Name, role));
            hashes.Add(hash);
        }

        return new CallerDirectory([.. callers], [.. hashes]);
    }

    /// <summary>The caller whose token this is, or null. Every caller is compared, whichever matches.</summary>
    public Caller? Identify(ReadOnlySpan<char> token)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        HashInto(token, presented);
        var match = -1;
        for (var i = 0; i < _tokenHashes.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(_tokenHashes[i], presented))
            {
                match = i;
            }
        }

        return match >= 0 ? _callers[match] : null;
    }

    private static CallerRole ParseRole(string? role, string key) => role?.Trim().ToUpperInvariant() switch
    {
        "READ" => CallerRole.Read,
        "TRADE" => CallerRole.Trade,
        _ => throw new InvalidOperationException($"{key}:Role is '{role}'; it must be 'read' or 'trade'."),
    };

    private static string ReadToken(CallerOptions entry, string key)
    {
        var hasToken = !string.IsNullOrEmpty(entry.Token);
        var hasFile = !string.IsNullOrEmpty(entry.TokenFile);
        if (hasToken == hasFile)
        {
            throw new InvalidOperationException(
                $"{key} ('{entry.Name}'): give exactly one of {key}:Token and {key}:TokenFile.");
        }

        if (hasToken)
        {
            return entry.Token!.Trim();
        }

        return SecretFile.Read(entry.TokenFile!, key + ":TokenFile");
    }

    private static byte[] Hash(string token)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        HashInto(token, hash);
        return hash;
    }

    private static void HashInto(ReadOnlySpan<char> token, Span<byte> destination)
    {
        // Header values are bounded by Kestrel's header limits, so the buffer stays small; it is wiped after use.
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(token.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(token, buffer);
            SHA256.HashData(buffer.AsSpan(0, length), destination);
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
