// A float initializer of the model as the training engine holds it: its values, its gradient, and whether
// the optimizer may change it (frozen parameters and statistics buffers are not trained).
namespace EdgeSdk.Training.Graph;

/// <summary>A float initializer with its gradient.</summary>
internal sealed class TrainingParameter
{
    /// <summary>Creates a parameter.</summary>
    public TrainingParameter(string name, int[] shape, float[] data)
    {
        Name = name;
        Shape = shape;
        Data = data;
        Grad = new float[data.Length];
    }

    /// <summary>Gets the initializer name.</summary>
    public string Name { get; }

    /// <summary>Gets the shape.</summary>
    public int[] Shape { get; }

    /// <summary>Gets the values (updated in place by optimizers).</summary>
    public float[] Data { get; }

    /// <summary>Gets the gradient accumulated by the last backward pass.</summary>
    public float[] Grad { get; }

    /// <summary>Gets or sets whether the optimizer updates this parameter.</summary>
    public bool Trainable { get; set; }

    /// <summary>Gets or sets whether this is a statistics buffer (BatchNormalization running mean/variance) updated by the forward pass in train mode.</summary>
    public bool IsBuffer { get; set; }

    /// <summary>Gets or sets whether this parameter is decayed by weight decay (false for biases and normalization scales).</summary>
    public bool Decays { get; set; } = true;
}
