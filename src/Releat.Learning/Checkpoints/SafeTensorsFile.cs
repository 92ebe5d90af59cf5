using System.Buffers.Binary;
using System.Text.Json;

namespace Releat.Learning.Checkpoints;

/// <summary>
/// The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping
/// each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets into the data that follows) plus an
/// optional "__metadata__" string map, then the raw little-endian data. numpy and PyTorch users can read it without
/// releat. Only F32 tensors are written and read here; the reader checks the header before trusting any offset.
/// </summary>
public static class SafeTensorsFile
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000;

    public static void Write(string path, IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject(MetadataKey);
                foreach (KeyValuePair<string, string> entry in metadata)
                {
                    json.WriteString(entry.Key, entry.Value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (SafeTensor tensor in tensors)
            {
                long bytes = (long)tensor.Values.Length * sizeof(float);
                if (ElementCount(tensor.Shape) != tensor.Values.Length)
                {
                    throw new ArgumentException($"safetensors {path}: tensor '{tensor.Name}' has {tensor.Values.Length} values for shape [{string.Join(',', tensor.Shape)}].", nameof(tensors));
                }

                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        // The format allows trailing spaces in the header; padding to 8 bytes keeps the data aligned for mmap readers.
        while (header.Length % 8 != 0)
        {
            header.WriteByte((byte)' ');
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        file.Write(length);
        header.Position = 0;
        header.CopyTo(file);
        byte[] buffer = new byte[64 * 1024];
        foreach (SafeTensor tensor in tensors)
        {
            ReadOnlySpan<float> values = tensor.Values;
            int at = 0;
            while (at < values.Length)
            {
                int take = Math.Min(values.Length - at, buffer.Length / sizeof(float));
                for (int i = 0; i < take; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * sizeof(float)), values[at + i]);
                }

                file.Write(buffer, 0, take * sizeof(float));
                at += take;
            }
        }
    }

    /// <summary>Reads and validates a file; every format error names the file and the tensor concerned.</summary>
    public static SafeTensorsContent Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: {bytes.Length} bytes is too short for the 8-byte header length.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > bytes.Length - 8)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: header length {headerLength} runs past the end of the {bytes.Length}-byte file.");
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = bytes.Length - dataStart;

        // The parser checks JSON structure but decodes strings only when asked: bad UTF-8 would surface later as an
        // InvalidOperationException from whichever name or value happened to be read first.
        if (!System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(8, (int)headerLength)))
        {
            throw new SafeTensorsFormatException($"safetensors {path}: the header is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: the header is not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsFormatException($"safetensors {path}: the header must be a JSON object.");
            }

            var metadata = new Dictionary<string, string>();
            var entries = new List<(string Name, int[] Shape, long Begin, long End)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string name = Text(path, () => property.Name);
                if (name == MetadataKey)
                {
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }

                // JSON allows a repeated key; a loader keyed by name would keep one of the two silently.
                if (!names.Add(name))
                {
                    throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' appears twice in the header.");
                }

                entries.Add(ReadEntry(path, name, property.Value, dataLength));
            }

            CheckCoverage(path, entries, dataLength);
            var tensors = new List<SafeTensor>(entries.Count);
            foreach ((string name, int[] shape, long begin, long end) in entries)
            {
                float[] values = new float[(end - begin) / sizeof(float)];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataStart + (int)begin + (i * sizeof(float))));
                }

                tensors.Add(new SafeTensor(name, shape, values));
            }

            return new SafeTensorsContent(tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: __metadata__ must be an object of strings.");
        }

        foreach (JsonProperty entry in element.EnumerateObject())
        {
            string key = Text(path, () => entry.Name);
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException($"safetensors {path}: __metadata__ entry '{key}' is not a string.");
            }

            metadata[key] = Text(path, () => entry.Value.GetString()!);
        }
    }

    /// <summary>A header string; JSON escapes can spell a lone UTF-16 surrogate, which is no text and cannot be read as one.</summary>
    private static string Text(string path, Func<string> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: the header holds a string that is not valid text ({e.Message}).", e);
        }
    }

    private static (string Name, int[] Shape, long Begin, long End) ReadEntry(string path, string name, JsonElement e, long dataLength)
    {
        if (e.ValueKind != JsonValueKind.Object
            || !e.TryGetProperty("dtype", out JsonElement dtype)
            || !e.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !e.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' needs dtype, shape and a two-number data_offsets.");
        }

        // Raw JSON text in messages: an escaped lone surrogate cannot be read back as a string.
        if (dtype.ValueKind != JsonValueKind.String || !dtype.ValueEquals("F32"))
        {
            throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' has dtype {dtype.GetRawText().Trim('"')}, only F32 is supported.");
        }

        int[] shape = new int[shapeElement.GetArrayLength()];
        int d = 0;
        foreach (JsonElement dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out shape[d]) || shape[d] < 0)
            {
                throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' has a shape entry {dim.GetRawText()} that is not a non-negative integer.");
            }

            d++;
        }

        if (offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' has data_offsets {offsets.GetRawText()} that are not an ordered pair of byte offsets.");
        }

        if (end > dataLength)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' data_offsets [{begin}, {end}] run past the {dataLength} bytes of data.");
        }

        // Checked: a shape such as [65536, 65536, 65536, 65536] wraps a long to 0 and would pass for an empty tensor.
        long needed;
        try
        {
            needed = checked(ElementCount(shape) * sizeof(float));
        }
        catch (OverflowException)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' has shape [{string.Join(',', shape)}], more elements than any file holds.");
        }

        if (end - begin != needed)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' spans {end - begin} bytes but shape [{string.Join(',', shape)}] of F32 needs {needed}.");
        }

        return (name, shape, begin, end);
    }

    /// <summary>The format requires the tensors to tile the data exactly: no overlaps and no holes.</summary>
    private static void CheckCoverage(string path, List<(string Name, int[] Shape, long Begin, long End)> entries, long dataLength)
    {
        var ordered = entries.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        long covered = 0;
        string previous = "(start of data)";
        foreach ((string name, _, long begin, long end) in ordered)
        {
            if (begin < covered)
            {
                throw new SafeTensorsFormatException($"safetensors {path}: tensor '{name}' at [{begin}, {end}] overlaps tensor '{previous}'.");
            }

            if (begin > covered)
            {
                throw new SafeTensorsFormatException($"safetensors {path}: bytes [{covered}, {begin}) before tensor '{name}' belong to no tensor.");
            }

            covered = end;
            previous = name;
        }

        if (covered != dataLength)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: {dataLength - covered} bytes after tensor '{previous}' belong to no tensor.");
        }
    }

    private static long ElementCount(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n = checked(n * d);
        }

        return n;
    }
}
