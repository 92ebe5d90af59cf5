using System.Text;

namespace Grpc.Core;

public sealed partial class Metadata
{
    /// <summary>One header or trailer. Binary entries keep their bytes; text entries keep their string.</summary>
#pragma warning disable CA1034 // Nested to match Grpc.Core's public surface (Metadata.Entry) that callers already know.
    public sealed class Entry
#pragma warning restore CA1034
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{Key}' ends in \"-bin\" and needs a byte[] value.", nameof(key));
            }

            ArgumentNullException.ThrowIfNull(value);
            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException(
                        $"Metadata value for '{Key}' must be printable ASCII; use a \"-bin\" key for other data.",
                        nameof(value));
                }
            }

            _value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{Key}' carries bytes, so it must end in \"-bin\".", nameof(key));
            }

            _valueBytes = valueBytes ?? throw new ArgumentNullException(nameof(valueBytes));
        }

        public string Key { get; }

        public bool IsBinary => _valueBytes is not null;

        /// <summary>The text value; for a binary entry, its bytes as base64 (as they travel).</summary>
        public string Value => _value ?? Convert.ToBase64String(_valueBytes!);

#pragma warning disable CA1819 // Grpc.Core exposes the bytes as an array; entries are small and copied on read.
        /// <summary>The bytes of a binary entry; for a text entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _valueBytes is null ? Encoding.ASCII.GetBytes(_value!) : (byte[])_valueBytes.Clone();
#pragma warning restore CA1819

        public override string ToString() => $"[Entry: key={Key}, value={Value}]";

        internal static bool IsBinaryKey(string key) =>
            key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                var legal = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.';
                if (!legal)
                {
                    throw new ArgumentException(
                        $"Metadata key '{key}' has character '{c}'; keys allow only a-z, 0-9, '-', '_' and '.'.",
                        nameof(key));
                }
            }

            return normalized;
        }
    }
}
