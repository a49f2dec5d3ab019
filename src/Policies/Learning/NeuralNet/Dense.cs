using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Fully connected layer: output = input · W + b, with W of shape inputs×outputs and b 1×outputs.
/// Parameters are named "{name}.weight" and "{name}.bias".
/// </summary>
public sealed class Dense : ILayer
{
    // From this batch size on, vectorising along the batch beats dot products along the inputs.
    private const int BatchVectorisedFrom = 8;

    private readonly BatchBuffer _outputs = new();
    private readonly BatchBuffer _gradInputs = new();
    private readonly Scratch _inputTransposed = new();
    private readonly Scratch _gradOutputTransposed = new();
    private readonly Scratch _gradInputTransposed = new();
    private Matrix<double>? _lastInput;
    private int[]? _lastPicked;

    public Dense(string name, int inputs, int outputs, WeightInit init, Random random)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentNullException.ThrowIfNull(random);

        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        Weight = new Parameter($"{name}.weight", Matrix<double>.Build.Dense(inputs, outputs));
        Bias = new Parameter($"{name}.bias", Matrix<double>.Build.Dense(1, outputs));
        Parameters = [Weight, Bias];
        Initialise(DenseStorage.Of(Weight.Value), init, random);
    }

    public string Name { get; }

    public int Inputs { get; }

    public int Outputs { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    public Matrix<double> Forward(Matrix<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ColumnCount != Inputs)
        {
            throw new ArgumentException(
                $"Layer '{Name}' expects {Inputs} input columns but got {input.ColumnCount}.", nameof(input));
        }

        var batch = input.RowCount;
        var x = DenseStorage.Of(input, nameof(input));
        var output = _outputs.For(batch, Outputs);
        var y = DenseStorage.Of(output);
        var w = DenseStorage.Of(Weight.Value);

        if (batch >= BatchVectorisedFrom)
        {
            MatrixKernels.Multiply(x, w, y, batch, Inputs, Outputs, accumulate: false);
        }
        else
        {
            var xT = _inputTransposed.Take(Inputs * batch);
            MatrixKernels.Transpose(x, xT, batch, Inputs);
            MatrixKernels.MultiplyTransposedLeft(xT, w, y, batch, Inputs, Outputs);
        }

        var b = DenseStorage.Of(Bias.Value);
        for (var o = 0; o < Outputs; o++)
        {
            var column = y.AsSpan(o * batch, batch);
            var bias = b[o];
            for (var r = 0; r < column.Length; r++)
            {
                column[r] += bias;
            }
        }

        _lastInput = input;
        return output;
    }

    public Matrix<double> Backward(Matrix<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var input = _lastInput ?? throw new InvalidOperationException($"Layer '{Name}': Backward called before Forward.");
        var batch = input.RowCount;
        DenseStorage.RequireShape(gradOutput, batch, Outputs, nameof(gradOutput));

        var x = DenseStorage.Of(input);
        var dy = DenseStorage.Of(gradOutput, nameof(gradOutput));
        var w = DenseStorage.Of(Weight.Value);

        // dW += xᵀ · dy, computed as (xᵀ) · dy so the kernel vectorises along the inputs.
        var xT = _inputTransposed.Take(Inputs * batch);
        MatrixKernels.Transpose(x, xT, batch, Inputs);
        MatrixKernels.Multiply(xT, dy, DenseStorage.Of(Weight.Gradient), Inputs, batch, Outputs, accumulate: true);

        var db = DenseStorage.Of(Bias.Gradient);
        for (var o = 0; o < Outputs; o++)
        {
            var sum = 0.0;
            foreach (var value in dy.AsSpan(o * batch, batch))
            {
                sum += value;
            }

            db[o] += sum;
        }

        // dx = dy · Wᵀ, computed as (W · dyᵀ)ᵀ: only batch-sized matrices are transposed, never W.
        var dyT = _gradOutputTransposed.Take(Outputs * batch);
        MatrixKernels.Transpose(dy, dyT, batch, Outputs);
        var dxT = _gradInputTransposed.Take(Inputs * batch);
        MatrixKernels.Multiply(w, dyT, dxT, Inputs, Outputs, batch, accumulate: false);
        var gradInput = _gradInputs.For(batch, Inputs);
        MatrixKernels.Transpose(dxT, DenseStorage.Of(gradInput), Inputs, batch);
        return gradInput;
    }

    /// <summary>
    /// Output <paramref name="columns"/>[i] of each row i of <see cref="Forward"/> and nothing else: a loss on one output
    /// per row (the Q-value of the action taken, when there is one output per action) needs only those.
    /// </summary>
    public double[] ForwardPicked(Matrix<double> input, int[] columns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(columns);
        DenseStorage.RequireShape(input, columns.Length, Inputs, nameof(input));
        var w = DenseStorage.Of(Weight.Value);
        var b = DenseStorage.Of(Bias.Value);
        var picked = new double[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            // Column-major storage: the weights into output o are contiguous.
            var o = columns[i];
            var into = w.AsSpan(o * Inputs, Inputs);
            var sum = 0.0;
            for (var k = 0; k < Inputs; k++)
            {
                sum += input[i, k] * into[k];
            }

            picked[i] = sum + b[o];
        }

        _lastInput = input;
        _lastPicked = columns;
        return picked;
    }

    /// <summary>
    /// <see cref="Backward"/> of a gradient that is zero but at (i, columns[i]) of the last <see cref="ForwardPicked"/>,
    /// where it is <paramref name="gradPicked"/>[i]: the same parameter gradients and input gradient, in time linear in the
    /// rows instead of the outputs.
    /// </summary>
    public Matrix<double> BackwardPicked(double[] gradPicked)
    {
        ArgumentNullException.ThrowIfNull(gradPicked);
        var input = _lastInput ?? throw new InvalidOperationException($"Layer '{Name}': BackwardPicked called before ForwardPicked.");
        var columns = _lastPicked ?? throw new InvalidOperationException($"Layer '{Name}': BackwardPicked called before ForwardPicked.");
        if (gradPicked.Length != columns.Length)
        {
            throw new ArgumentException($"Layer '{Name}' picked {columns.Length} outputs but got {gradPicked.Length} gradients.", nameof(gradPicked));
        }

        var w = DenseStorage.Of(Weight.Value);
        var dw = DenseStorage.Of(Weight.Gradient);
        var db = DenseStorage.Of(Bias.Gradient);
        var gradInput = Matrix<double>.Build.Dense(columns.Length, Inputs);
        for (var i = 0; i < columns.Length; i++)
        {
            var o = columns[i];
            var g = gradPicked[i];
            var into = w.AsSpan(o * Inputs, Inputs);
            var intoGradient = dw.AsSpan(o * Inputs, Inputs);
            for (var k = 0; k < Inputs; k++)
            {
                intoGradient[k] += input[i, k] * g;
                gradInput[i, k] = g * into[k];
            }

            db[o] += g;
        }

        return gradInput;
    }

    private void Initialise(double[] weights, WeightInit init, Random random)
    {
        switch (init)
        {
            case WeightInit.He:
                var std = Math.Sqrt(2.0 / Inputs);
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] = std * StandardNormal(random);
                }

                break;
            case WeightInit.Xavier:
                var limit = Math.Sqrt(6.0 / (Inputs + Outputs));
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] = limit * (2.0 * random.NextDouble() - 1.0);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown weight initialisation.");
        }
    }

    // Box–Muller on the caller's generator, so the draw depends only on its seed.
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
