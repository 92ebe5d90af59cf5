namespace Releat.Learning.Layers;

/// <summary>Guards the one rule every layer's buffers follow: sized once for a maximum batch, never reallocated.</summary>
internal static class LayerBuffer
{
    public static T[] Allocate<T>(int maxBatch, int width, string layer)
    {
        if (maxBatch <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), $"{layer}: batch capacity {maxBatch} and width {width} must be positive.");
        }

        return new T[checked(maxBatch * width)];
    }

    public static void CheckBatch(int batch, int maxBatch, int inputLength, int inputSize, string layer)
    {
        if (batch <= 0 || batch > maxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"{layer}: batch {batch} is outside 1..{maxBatch}, the capacity it was built for.");
        }

        if (inputLength < batch * inputSize)
        {
            throw new ArgumentException($"{layer}: {inputLength} values given for {batch} rows of {inputSize}.", nameof(inputLength));
        }
    }
}
