namespace Releat.Learning.Environments;

/// <summary>A Gymnasium Box: real vectors of a shape, each value within [Low, High] (±∞ for unbounded).</summary>
public sealed record BoxSpace(IReadOnlyList<int> Shape, float Low = float.NegativeInfinity, float High = float.PositiveInfinity)
{
    /// <summary>Values in one observation (the product of the shape).</summary>
    public int Size
    {
        get
        {
            int size = 1;
            foreach (int d in Shape)
            {
                size *= d;
            }

            return size;
        }
    }
}
