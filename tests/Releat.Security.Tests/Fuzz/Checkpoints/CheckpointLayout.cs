using Releat.Learning.Checkpoints;
using Releat.Learning.Parameters;

namespace Releat.Security.Tests.Fuzz.Checkpoints;

/// <summary>
/// A small network's parameters as PyTorch would name them, saved once as the valid file every case mutates, and
/// the sentinel pattern a destination store holds before a load, so a failed load can be seen to change nothing.
/// </summary>
internal static class CheckpointLayout
{
    public static readonly (string Name, int[] Shape)[] Tensors =
    [
        ("actor.0.weight", [4, 3]), ("actor.0.bias", [4]), ("critic.0.weight", [1, 4]), ("critic.0.bias", [1]), ("log_std", [2]),
    ];

    public static ParameterStore<float> NewStore()
    {
        var store = new ParameterStore<float>();
        foreach ((string name, int[] shape) in Tensors)
        {
            store.Register(name, shape);
        }

        return store;
    }

    /// <summary>The bytes of a valid safetensors file of the layout, values drawn from the seed.</summary>
    public static byte[] ValidFile(string folder, int seed)
    {
        var random = new Random(seed);
        ParameterStore<float> store = NewStore();
        Span<float> values = store.GetValuesForWriting();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        string path = Path.Combine(folder, "valid.safetensors");
        ParameterFile.Save(store, path, new Dictionary<string, string> { ["iteration"] = "7" });
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>Fills the store with a pattern no checkpoint holds (normal floats near -6e18, each one different).</summary>
    public static void FillWithSentinel(ParameterStore<float> store)
    {
        Span<float> values = store.GetValuesForWriting();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Sentinel(i);
        }
    }

    public static float Sentinel(int index) => BitConverter.Int32BitsToSingle(unchecked((int)0xDEAD0000) + index);
}
