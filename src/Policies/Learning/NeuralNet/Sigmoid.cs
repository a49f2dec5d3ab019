namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>1/(1+e^(−x)); derivative σ(1 − σ). For probabilities of independent binary decisions.</summary>
public sealed class Sigmoid : ElementwiseActivation
{
    /// <summary>σ(x), written to stay finite for large |x|.</summary>
    public static double Of(double x)
    {
        if (x >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }

        var e = Math.Exp(x);
        return e / (1.0 + e);
    }

    protected override void Apply(ReadOnlySpan<double> input, Span<double> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = Of(input[i]);
        }
    }

    protected override void ChainRule(ReadOnlySpan<double> output, ReadOnlySpan<double> gradOutput, Span<double> gradInput)
    {
        for (var i = 0; i < output.Length; i++)
        {
            gradInput[i] = gradOutput[i] * output[i] * (1.0 - output[i]);
        }
    }
}
