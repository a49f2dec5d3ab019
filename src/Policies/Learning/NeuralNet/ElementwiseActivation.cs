using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// A parameter-free layer applying f to every element. The activations used here all have a
/// derivative expressible through the output, so only the output is kept for backward.
/// </summary>
public abstract class ElementwiseActivation : ILayer
{
    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _gradInputs = new();
    private Matrix<double>? _lastOutput;

    public IReadOnlyList<Parameter> Parameters => [];

    public Matrix<double> Forward(Matrix<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = _outputs.For(input.RowCount, input.ColumnCount);
        Apply(DenseStorage.Of(input, nameof(input)), DenseStorage.Of(output));
        _lastOutput = output;
        return output;
    }

    public Matrix<double> Backward(Matrix<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var output = _lastOutput ?? throw new InvalidOperationException($"{GetType().Name}: Backward called before Forward.");
        DenseStorage.RequireShape(gradOutput, output.RowCount, output.ColumnCount, nameof(gradOutput));
        var gradInput = _gradInputs.For(output.RowCount, output.ColumnCount);
        ChainRule(DenseStorage.Of(output), DenseStorage.Of(gradOutput, nameof(gradOutput)), DenseStorage.Of(gradInput));
        return gradInput;
    }

    /// <summary>output[i] = f(input[i]).</summary>
    protected abstract void Apply(ReadOnlySpan<double> input, Span<double> output);

    /// <summary>gradInput[i] = gradOutput[i] · f'(x[i]), with f'(x) written in terms of output = f(x).</summary>
    protected abstract void ChainRule(ReadOnlySpan<double> output, ReadOnlySpan<double> gradOutput, Span<double> gradInput);
}
