namespace Releat.Security.Tests.Support;

/// <summary>Secrets made for a test: known to it, never seen by chance in a log.</summary>
internal static class TestSecret
{
    /// <summary>48 hex characters from the seeded generator.</summary>
    public static string Next(Random random)
    {
        byte[] bytes = new byte[24];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
