namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>How a <see cref="Dense"/> layer draws its initial weights (biases start at zero).</summary>
public enum WeightInit
{
    /// <summary>He/Kaiming normal, N(0, 2/fanIn): keeps activation variance steady through ReLU.</summary>
    He,

    /// <summary>Xavier/Glorot uniform, U(±√(6/(fanIn+fanOut))): for tanh, sigmoid and linear outputs.</summary>
    Xavier,

    /// <summary>Another name for <see cref="Xavier"/>; both names are in common use.</summary>
    Glorot = Xavier,
}
