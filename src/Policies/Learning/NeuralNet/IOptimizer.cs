namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>Updates a fixed set of parameters from their accumulated gradients.</summary>
public interface IOptimizer
{
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Step size; settable so a schedule can anneal it.</summary>
    double LearningRate { get; set; }

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    long StepCount { get; }

    /// <summary>Applies one update from the current gradients (it does not clear them).</summary>
    void Step();

    /// <summary>Clears the gradients of <see cref="Parameters"/>.</summary>
    void ZeroGrad();
}
