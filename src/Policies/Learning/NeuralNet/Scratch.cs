namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>A work array that grows to the largest length requested and is then reused.</summary>
internal sealed class Scratch
{
    private double[] _array = [];

    public Span<double> Take(int length)
    {
        if (_array.Length < length)
        {
            _array = new double[length];
        }

        return _array.AsSpan(0, length);
    }
}
