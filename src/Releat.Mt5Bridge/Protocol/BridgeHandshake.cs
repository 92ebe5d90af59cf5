using System.Security.Cryptography;
using System.Text;

namespace Releat.Mt5Bridge.Protocol;

/// <summary>
/// Challenge and response proving the terminal knows the shared secret without sending it: the proof is
/// HMAC-SHA256 of the challenge's hex text keyed with the secret, compared in constant time.
/// </summary>
public static class BridgeHandshake
{
    public const int ProtocolVersion = 2;

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Proof(string secret, string nonceHex) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(nonceHex)));

    public static bool IsValidProof(string secret, string nonceHex, string proof)
    {
        var expected = Encoding.ASCII.GetBytes(Proof(secret, nonceHex));
        var actual = Encoding.ASCII.GetBytes(proof.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
