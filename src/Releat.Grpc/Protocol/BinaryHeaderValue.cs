namespace Releat.Grpc.Protocol;

/// <summary>"-bin" header values are base64; senders may omit the padding, so decoding restores it.</summary>
internal static class BinaryHeaderValue
{
    public static string Encode(byte[] value) => Convert.ToBase64String(value);

    public static byte[] Decode(string value, string key)
    {
        var trimmed = value.Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        if (padding == 3)
        {
            throw new FormatException($"Header '{key}' is not valid base64: length {trimmed.Length}.");
        }

        try
        {
            return Convert.FromBase64String(padding == 0 ? trimmed : trimmed + new string('=', padding));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Header '{key}' is not valid base64.", ex);
        }
    }
}
