using System.Runtime.Intrinsics;

namespace Releat.Learning.Numerics;

/// <summary>
/// The last fewer-than-eight floats of a span as one vector (zero-padded) and back, so a vectorised formula also
/// covers a row's tail and every value is computed the same way wherever it sits.
/// </summary>
internal static class FloatLanes
{
    public static Vector256<float> LoadPartial(ReadOnlySpan<float> values)
    {
        Span<float> lanes = stackalloc float[Vector256<float>.Count];
        lanes.Clear();
        values.CopyTo(lanes);
        return Vector256.Create((ReadOnlySpan<float>)lanes);
    }

    public static void StorePartial(Vector256<float> vector, Span<float> destination)
    {
        Span<float> lanes = stackalloc float[Vector256<float>.Count];
        vector.CopyTo(lanes);
        lanes[..destination.Length].CopyTo(destination);
    }
}
