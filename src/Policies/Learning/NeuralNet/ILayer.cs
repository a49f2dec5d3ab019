using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// A differentiable map over a batch (one row per sample).
/// </summary>
/// <remarks>
/// To keep training free of per-step allocations, the matrices returned by <see cref="Forward"/>
/// and <see cref="Backward"/> belong to the layer and are overwritten by the next call with the
/// same batch size: copy them to keep them. The input to <see cref="Forward"/> is kept by
/// reference until <see cref="Backward"/>, so it must not be modified in between. Layers are
/// not thread-safe; give each thread its own network.
/// </remarks>
public interface ILayer
{
    /// <summary>Trainable tensors, in a stable order (used by optimisers and save/load).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Output for <paramref name="input"/> (rows = batch), remembering what backward needs.</summary>
    Matrix<double> Forward(Matrix<double> input);

    /// <summary>
    /// Given ∂loss/∂output of the last <see cref="Forward"/>, adds ∂loss/∂parameter into each
    /// parameter's gradient and returns ∂loss/∂input.
    /// </summary>
    Matrix<double> Backward(Matrix<double> gradOutput);
}
