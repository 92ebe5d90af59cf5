using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;
using Releat.Learning.Checkpoints;
using Releat.Learning.Parameters;

namespace Releat.Security.Tests.Fuzz.Checkpoints;

/// <summary>
/// Judges a read the reader accepted, from the file's bytes and the format's rules alone: every tensor has as many
/// values as its shape says, and they are the little-endian floats at the offsets its header entry names.
/// </summary>
internal static class SafeTensorsOracle
{
    /// <summary>Each tensor of the store holds exactly the floats the file's header points at, under the store's shape.</summary>
    public static void AssertLoaded(ParameterStore<float> store, byte[] file, string describe)
    {
        using JsonDocument header = Header(file, out int dataStart);
        ReadOnlySpan<float> values = store.Values;
        foreach (ParameterTensor tensor in store.Tensors)
        {
            JsonElement entry = header.RootElement.GetProperty(tensor.Name);
            int[] shape = [.. entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];
            Assert.True(shape.SequenceEqual(tensor.Shape), $"{describe}: '{tensor.Name}' loaded from shape [{string.Join(',', shape)}]");
            AssertFloats(file, dataStart, entry, values.Slice(tensor.Offset, tensor.Length), $"{describe}: '{tensor.Name}'");
        }
    }

    /// <summary>Every tensor the reader returned matches its shape's element count and the bytes its entry names.</summary>
    public static void AssertConsistent(SafeTensorsContent content, byte[] file, string describe)
    {
        using JsonDocument header = Header(file, out int dataStart);
        Assert.Equal(content.Tensors.Count, content.Tensors.Select(t => t.Name).Distinct().Count());
        foreach (SafeTensor tensor in content.Tensors)
        {
            BigInteger elements = tensor.Shape.Aggregate(BigInteger.One, (n, d) => n * d);
            Assert.True(elements == tensor.Values.Length,
                $"{describe}: '{tensor.Name}' has shape [{string.Join(',', tensor.Shape)}] ({elements} elements) but {tensor.Values.Length} values");
            AssertFloats(file, dataStart, header.RootElement.GetProperty(tensor.Name), tensor.Values, $"{describe}: '{tensor.Name}'");
        }
    }

    private static JsonDocument Header(byte[] file, out int dataStart)
    {
        int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        dataStart = 8 + length;
        return JsonDocument.Parse(file.AsMemory(8, length));
    }

    private static void AssertFloats(byte[] file, int dataStart, JsonElement entry, ReadOnlySpan<float> values, string describe)
    {
        long begin = entry.GetProperty("data_offsets")[0].GetInt64();
        long end = entry.GetProperty("data_offsets")[1].GetInt64();
        Assert.True(end - begin == (long)values.Length * sizeof(float), $"{describe}: [{begin}, {end}) for {values.Length} values");
        for (int i = 0; i < values.Length; i++)
        {
            int expected = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(checked(dataStart + (int)begin + (i * sizeof(float)))));
            Assert.True(expected == BitConverter.SingleToInt32Bits(values[i]), $"{describe}: value {i} is not the file's");
        }
    }
}
