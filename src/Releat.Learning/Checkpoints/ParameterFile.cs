using System.Globalization;
using Releat.Learning.Parameters;

namespace Releat.Learning.Checkpoints;

/// <summary>A network's named parameters to and from a safetensors file (PyTorch names and shapes, so torch can load_state_dict it).</summary>
public static class ParameterFile
{
    public static void Save(ParameterStore<float> parameters, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var tensors = parameters.Tensors
            .Select(t => new SafeTensor(t.Name, t.Shape, parameters.ValuesOf(t).ToArray()))
            .ToList();
        var allMetadata = new Dictionary<string, string> { ["format"] = "pt", ["parameters"] = parameters.Count.ToString(CultureInfo.InvariantCulture) };
        if (metadata is not null)
        {
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                allMetadata[entry.Key] = entry.Value;
            }
        }

        SafeTensorsFile.Write(path, tensors, allMetadata);
    }

    /// <summary>
    /// Loads every tensor of the network from the file; a missing tensor or a shape mismatch names the tensor and the
    /// file. All tensors are checked before any value is written, so a failed load leaves the network as it was.
    /// </summary>
    public static void Load(ParameterStore<float> parameters, string path) => Read(parameters, path)();

    /// <summary>
    /// Reads and checks the file against the network without touching it; the returned action writes the values.
    /// Lets a caller check several files (a whole checkpoint) before changing anything.
    /// </summary>
    public static Action Read(ParameterStore<float> parameters, string path)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SafeTensorsContent content = SafeTensorsFile.Read(path);
        var byName = content.Tensors.ToDictionary(t => t.Name);
        var matched = new List<(ParameterTensor Tensor, SafeTensor Stored)>(parameters.Tensors.Count);
        foreach (ParameterTensor tensor in parameters.Tensors)
        {
            if (!byName.TryGetValue(tensor.Name, out SafeTensor? stored))
            {
                throw new SafeTensorsFormatException($"safetensors {path}: the network's tensor '{tensor.Name}' is missing.");
            }

            if (!stored.Shape.SequenceEqual(tensor.Shape))
            {
                throw new SafeTensorsFormatException(
                    $"safetensors {path}: tensor '{tensor.Name}' has shape [{string.Join(',', stored.Shape)}], the network expects [{string.Join(',', tensor.Shape)}].");
            }

            matched.Add((tensor, stored));
        }

        return () =>
        {
            Span<float> values = parameters.GetValuesForWriting();
            foreach ((ParameterTensor tensor, SafeTensor stored) in matched)
            {
                stored.Values.CopyTo(values.Slice(tensor.Offset, tensor.Length));
            }
        };
    }
}
