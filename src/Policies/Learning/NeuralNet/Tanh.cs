namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>tanh(x); derivative 1 − tanh²(x).</summary>
public sealed class Tanh : ElementwiseActivation
{
    protected override void Apply(ReadOnlySpan<double> input, Span<double> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = Math.Tanh(input[i]);
        }
    }

    protected override void ChainRule(ReadOnlySpan<double> output, ReadOnlySpan<double> gradOutput, Span<double> gradInput)
    {
        for (var i = 0; i < output.Length; i++)
        {
            gradInput[i] = gradOutput[i] * (1.0 - output[i] * output[i]);
        }
    }
}
