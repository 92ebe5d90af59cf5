using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Releat.Security.Tests.Fuzz.Datasets;

/// <summary>
/// Damages a copy of a stored dataset's files: metadata fields, the metadata as text, the 32-byte array headers
/// (magic, element size, rows, columns), the arrays' lengths, the order of decision times, whole files; and one
/// change that keeps it valid (fewer rows, consistently everywhere). Details come from one seed.
/// </summary>
internal static class DatasetMutator
{
    private const string Metadata = "metadata.json";
    private static readonly string[] Arrays = ["times.i64", "observations.f32", "execution.f64"];

    public static DatasetCase Apply(IReadOnlyDictionary<string, byte[]> pristine, DatasetMutationKind[] kinds, int seed)
    {
        var random = new Random(seed);
        Dictionary<string, byte[]?> files = pristine.ToDictionary(p => p.Key, p => (byte[]?)p.Value.ToArray());
        var done = new List<string>();
        foreach (DatasetMutationKind kind in kinds)
        {
            done.Add(Apply(kind, files, random));
        }

        return new DatasetCase(files, $"seed {seed}: {string.Join("; ", done)}");
    }

    private static string Apply(DatasetMutationKind kind, Dictionary<string, byte[]?> files, Random random)
    {
        string array = Arrays[random.Next(Arrays.Length)];
        switch (kind)
        {
            case DatasetMutationKind.MetadataField:
                return WithMetadataTree(files, tree => MetadataFieldMutations.Apply(tree, random));
            case DatasetMutationKind.MetadataRoot:
                string[] roots = ["[]", "null", "\"x\"", "1", "", "{}", "   ", "\uFEFF", "{\"rows\": 1}"];
                string root = roots[random.Next(roots.Length)];
                files[Metadata] = Encoding.UTF8.GetBytes(root);
                return $"metadata.json is '{root}'";
            case DatasetMutationKind.MetadataText:
                return MutateMetadataText(files, random);
            case DatasetMutationKind.ArrayHeader when files[array] is { Length: >= 32 } bytes:
                return array + ": " + ArrayHeaderMutations.Apply(bytes, random);
            case DatasetMutationKind.ArrayLength when files[array] is { } bytes:
                int rowBytes = array == "times.i64" ? 8 : array == "observations.f32" ? 4 * StoredDataset.Width : 32;
                int[] lengths = [0, 8, 31, 32, random.Next(bytes.Length), bytes.Length - 1, bytes.Length + 1, bytes.Length + random.Next(1, 64), bytes.Length + rowBytes];
                int length = lengths[random.Next(lengths.Length)];
                byte[] resized = new byte[length];
                bytes.AsSpan(0, Math.Min(length, bytes.Length)).CopyTo(resized);
                random.NextBytes(resized.AsSpan(Math.Min(length, bytes.Length)));
                files[array] = resized;
                return $"{array} resized from {bytes.Length} to {length} bytes";
            case DatasetMutationKind.TimesOrder when files["times.i64"] is { Length: >= 32 + (8 * StoredDataset.Rows) } times:
                return "times.i64: " + ReorderTimes(times.AsSpan(32, 8 * StoredDataset.Rows), random);
            case DatasetMutationKind.DeleteFile:
                string deleted = StoredDataset.FileNames[random.Next(StoredDataset.FileNames.Length)];
                files[deleted] = null;
                return $"{deleted} deleted";
            case DatasetMutationKind.DataBytes when files[array] is { Length: > 32 } bytes && array != "times.i64":
                int at = 32 + random.Next(bytes.Length - 32);
                bytes[at] = (byte)random.Next(256);
                return $"{array} data byte {at} changed";
            case DatasetMutationKind.ConsistentResize:
                return Resize(files, random.Next(0, StoredDataset.Rows));
            default:
                return $"{kind} on {array} not applicable";
        }
    }

    private static string WithMetadataTree(Dictionary<string, byte[]?> files, Func<JsonObject, string> change)
    {
        if (files[Metadata] is not { } bytes || Parse(bytes) is not JsonObject tree)
        {
            return "metadata field change skipped: the metadata is no longer an object";
        }

        string what = change(tree);
        files[Metadata] = Encoding.UTF8.GetBytes(tree.ToJsonString());
        return what;
    }

    private static JsonNode? Parse(byte[] json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string MutateMetadataText(Dictionary<string, byte[]?> files, Random random)
    {
        if (files[Metadata] is not { } bytes)
        {
            return "metadata text change skipped: deleted";
        }

        string text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n').ToList();
        int line = random.Next(lines.Count);
        string what;
        switch (random.Next(6))
        {
            case 0:
                int cut = random.Next(text.Length);
                text = text[..cut];
                what = $"metadata.json truncated at {cut}";
                break;
            case 1:
                lines.RemoveAt(line);
                text = string.Join('\n', lines);
                what = $"metadata.json line {line + 1} deleted";
                break;
            case 2:
                lines.Insert(line, lines[line]);
                text = string.Join('\n', lines);
                what = $"metadata.json line {line + 1} duplicated";
                break;
            case 3:
                int at = random.Next(text.Length + 1);
                const string Pool = "{}[]\",:0-e\\\u0000\u00e9";
                string noise = new([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => Pool[random.Next(Pool.Length)])]);
                text = text.Insert(at, noise);
                what = $"'{noise}' inserted into metadata.json at {at}";
                break;
            case 4:
                int depth = random.Next(2) == 0 ? random.Next(1, 64) : random.Next(64, 100_000);
                text = string.Concat("{\"deep\":", new string('[', depth), new string(']', depth), ",", text.TrimStart()[1..]);
                what = $"an unknown field nested {depth} deep";
                break;
            default:
                byte[] invalid = [0xFF, 0xFE, 0xC3, 0x28];
                files[Metadata] = [.. bytes.AsSpan(0, bytes.Length / 2), .. invalid, .. bytes.AsSpan(bytes.Length / 2)];
                return "invalid UTF-8 in the middle of metadata.json";
        }

        files[Metadata] = Encoding.UTF8.GetBytes(text);
        return what;
    }

    private static string ReorderTimes(Span<byte> times, Random random)
    {
        int k = random.Next(1, StoredDataset.Rows);
        long previous = BinaryPrimitives.ReadInt64LittleEndian(times[((k - 1) * 8)..]);
        long current = BinaryPrimitives.ReadInt64LittleEndian(times[(k * 8)..]);
        switch (random.Next(5))
        {
            case 0:
                BinaryPrimitives.WriteInt64LittleEndian(times[(k * 8)..], previous);
                return $"time of row {k} equal to row {k - 1}";
            case 1:
                BinaryPrimitives.WriteInt64LittleEndian(times[(k * 8)..], previous - 1);
                return $"time of row {k} before row {k - 1}";
            case 2:
                BinaryPrimitives.WriteInt64LittleEndian(times[(k * 8)..], long.MinValue);
                return $"time of row {k} is long.MinValue";
            case 3:
                BinaryPrimitives.WriteInt64LittleEndian(times[((k - 1) * 8)..], current);
                BinaryPrimitives.WriteInt64LittleEndian(times[(k * 8)..], previous);
                return $"rows {k - 1} and {k} swapped";
            default:
                times.Clear();
                return "every time zero";
        }
    }

    /// <summary>Keeps the first <paramref name="rows"/> rows everywhere: metadata, headers and lengths agree, so it must open.</summary>
    private static string Resize(Dictionary<string, byte[]?> files, int rows)
    {
        if (files[Metadata] is null || files.Values.Any(f => f is null || f.Length < 32))
        {
            return "resize skipped: a file is missing";
        }

        string what = WithMetadataTree(files, tree =>
        {
            tree["rows"] = rows;
            return $"cut consistently to {rows} rows";
        });
        foreach (string array in Arrays)
        {
            byte[] bytes = files[array]!;
            long columns = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24));
            int elementSize = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
            Int128 wanted = 32 + ((Int128)rows * columns * elementSize);
            byte[] cut = bytes[..(int)Int128.Clamp(wanted, 32, bytes.Length)];
            BinaryPrimitives.WriteInt64LittleEndian(cut.AsSpan(16), rows);
            files[array] = cut;
        }

        return what;
    }
}
