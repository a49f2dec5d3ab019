using System.Numerics;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>max(0, x). The derivative at exactly 0 is taken as 0.</summary>
public sealed class Relu : ElementwiseActivation
{
    protected override void Apply(ReadOnlySpan<double> input, Span<double> output)
    {
        var width = Vector<double>.Count;
        var i = 0;
        for (; i + width <= input.Length; i += width)
        {
            Vector.Max(new Vector<double>(input[i..]), Vector<double>.Zero).CopyTo(output[i..]);
        }

        for (; i < input.Length; i++)
        {
            output[i] = Math.Max(input[i], 0.0);
        }
    }

    protected override void ChainRule(ReadOnlySpan<double> output, ReadOnlySpan<double> gradOutput, Span<double> gradInput)
    {
        for (var i = 0; i < output.Length; i++)
        {
            gradInput[i] = output[i] > 0.0 ? gradOutput[i] : 0.0;
        }
    }
}
