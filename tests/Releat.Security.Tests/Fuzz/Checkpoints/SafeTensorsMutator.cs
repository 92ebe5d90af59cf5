using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Releat.Security.Tests.Fuzz.Checkpoints;

/// <summary>
/// Damages a valid safetensors file in three passes: the JSON header as a tree (fields of one tensor, metadata,
/// extra tensors), the header as text (names, duplicates, garbage, nesting), then the file's bytes (length prefix,
/// header bytes, data, truncation, extension). Structural and text changes are re-framed with a correct length
/// prefix, so they reach the header checks instead of all failing at the prefix. Details come from one seed.
/// </summary>
internal static class SafeTensorsMutator
{
    private static readonly SafeTensorsMutationKind[] TreeKinds =
    [
        SafeTensorsMutationKind.Dtype, SafeTensorsMutationKind.RemoveField, SafeTensorsMutationKind.Shape, SafeTensorsMutationKind.Offsets,
        SafeTensorsMutationKind.Metadata, SafeTensorsMutationKind.ExtraTensor,
    ];

    private static readonly SafeTensorsMutationKind[] TextKinds =
    [
        SafeTensorsMutationKind.DuplicateName, SafeTensorsMutationKind.RenameTensor, SafeTensorsMutationKind.HeaderNotAnObject,
        SafeTensorsMutationKind.HeaderGarbage, SafeTensorsMutationKind.DeepNesting,
    ];

    public static SafeTensorsCase Apply(byte[] valid, SafeTensorsMutationKind[] kinds, int seed)
    {
        var random = new Random(seed);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        JsonObject header = JsonNode.Parse(valid.AsSpan(8, headerLength))!.AsObject();
        byte[] data = valid[(8 + headerLength)..];
        var done = new List<string>();
        string? tensor = null;

        foreach (SafeTensorsMutationKind kind in kinds.Where(TreeKinds.Contains))
        {
            string name = CheckpointLayout.Tensors[random.Next(CheckpointLayout.Tensors.Length)].Name;
            done.Add(HeaderTreeMutations.Apply(kind, header, name, random));
            tensor = kind is SafeTensorsMutationKind.Dtype or SafeTensorsMutationKind.RemoveField or SafeTensorsMutationKind.Shape
                or SafeTensorsMutationKind.Offsets ? name : null;
        }

        string text = header.ToJsonString();
        foreach (SafeTensorsMutationKind kind in kinds.Where(TextKinds.Contains))
        {
            (text, string what) = MutateText(kind, text, random);
            done.Add(what);
        }

        byte[] file = Frame(Encoding.UTF8.GetBytes(text), data);
        foreach (SafeTensorsMutationKind kind in kinds.Where(k => !TreeKinds.Contains(k) && !TextKinds.Contains(k)))
        {
            (file, string what) = MutateBytes(kind, file, random);
            done.Add(what);
        }

        return new SafeTensorsCase(file, $"seed {seed}: {string.Join("; ", done)}", kinds, kinds.Length == 1 ? tensor : null);
    }

    /// <summary>Length prefix, header padded with spaces to 8 bytes as the writer does, then the data.</summary>
    private static byte[] Frame(byte[] header, byte[] data)
    {
        int padded = (header.Length + 7) / 8 * 8;
        byte[] file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        return file;
    }

    private static (string Text, string What) MutateText(SafeTensorsMutationKind kind, string text, Random random)
    {
        string[] names = [.. CheckpointLayout.Tensors.Select(t => t.Name)];
        string target = names[random.Next(names.Length)];
        switch (kind)
        {
            case SafeTensorsMutationKind.DuplicateName:
                string other = names.First(n => n != target);
                return (ReplaceKey(text, target, other), $"tensor '{target}' renamed to '{other}' (a duplicate key)");
            case SafeTensorsMutationKind.RenameTensor:
                string[] renames = ["", "\\ud800", "\\udc00x", target + " ", target.ToUpperInvariant(), new string('w', 10_000), "\\u0000", "__metadata__", "a\\\"b"];
                string rename = renames[random.Next(renames.Length)];
                return (ReplaceKey(text, target, rename), $"tensor '{target}' renamed to '{Shorten(rename)}'");
            case SafeTensorsMutationKind.HeaderNotAnObject:
                string[] roots = ["[]", "1", "\"x\"", "null", "", "   ", "{", "[{}]", "true", "{}{}"];
                string root = roots[random.Next(roots.Length)];
                return (root, $"header replaced by '{root}'");
            case SafeTensorsMutationKind.HeaderGarbage:
                string[] tails = ["x", "}", ",", "\0", "{}", " // comment", "\u00e9", ",\"x\":1"];
                string tail = tails[random.Next(tails.Length)];
                return (text + tail, $"'{tail}' after the header's JSON");
            default:
                int depth = random.Next(4) == 0 ? random.Next(1, 64) : random.Next(64, 100_000);
                return (text[..^1] + ",\"deep\":" + new string('[', depth) + new string(']', depth) + "}", $"an entry nested {depth} deep");
        }
    }

    private static (byte[] File, string What) MutateBytes(SafeTensorsMutationKind kind, byte[] file, Random random)
    {
        long headerLength = file.Length >= 8 ? (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(file), (ulong)file.Length) : 0;
        switch (kind)
        {
            case SafeTensorsMutationKind.LengthPrefix when file.Length >= 8:
                ulong[] lengths =
                [
                    0, 1, 7, 8, (ulong)headerLength - 1, (ulong)headerLength + 1, (ulong)headerLength + 8, (ulong)file.Length - 8,
                    (ulong)file.Length - 7, (ulong)file.Length, 100_000_000, 100_000_001, int.MaxValue, 1UL << 31, 1UL << 32,
                    long.MaxValue, 1UL << 63, ulong.MaxValue, (ulong)random.NextInt64(),
                ];
                ulong length = lengths[random.Next(lengths.Length)];
                BinaryPrimitives.WriteUInt64LittleEndian(file, length);
                return (file, $"length prefix {headerLength} -> {length}");
            case SafeTensorsMutationKind.HeaderBytes when headerLength > 0 && 8 + headerLength <= file.Length:
                byte[] pool = [0x00, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)',', (byte)':', 0xC3, 0x28, 0xFF, 0x80, 0xED];
                var changed = new List<long>();
                for (int n = random.Next(1, 5); n > 0; n--)
                {
                    long at = 8 + random.NextInt64(headerLength);
                    file[at] = random.Next(3) == 0 ? (byte)random.Next(256) : pool[random.Next(pool.Length)];
                    changed.Add(at);
                }

                return (file, $"header bytes changed at [{string.Join(", ", changed)}]");
            case SafeTensorsMutationKind.Truncate:
                int keep = random.Next(file.Length);
                return (file[..keep], $"truncated to {keep} of {file.Length} bytes");
            case SafeTensorsMutationKind.Extend:
                byte[] extra = new byte[random.Next(2) == 0 ? 4 : random.Next(1, 65)];
                random.NextBytes(extra);
                return ([.. file, .. extra], $"{extra.Length} bytes appended");
            case SafeTensorsMutationKind.DataBytes when 8 + headerLength < file.Length:
                long flip = 8 + headerLength + random.NextInt64(file.Length - 8 - headerLength);
                file[flip] ^= (byte)random.Next(1, 256);
                return (file, $"data byte {flip} changed");
            default:
                return (file, $"{kind} not applicable");
        }
    }

    /// <summary>Replaces the quoted key <paramref name="name"/> (not the same text inside a value).</summary>
    private static string ReplaceKey(string text, string name, string replacement) =>
        text.Replace($"\"{name}\":{{", $"\"{replacement}\":{{", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..21] + "...";
}
