namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>Random bytes as a row: no separator, no line break, and at least one visible character so it is not blank.</summary>
public static class GarbageLine
{
    public static byte[] From(byte[] noise, char separator)
    {
        ArgumentNullException.ThrowIfNull(noise);
        var bytes = noise.Where(b => b != (byte)separator && b != (byte)'\n' && b != (byte)'\r').ToList();
        bytes.Add((byte)'#');
        return [.. bytes];
    }
}
