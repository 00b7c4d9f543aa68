/**
 * Plain-Java reference implementation of the MagicVL family, used to prove the parity of
 * every exported ONNX graph.
 *
 * <p>The code here is written independently of the graph builders in the rest of the
 * converter: it follows the Hugging Face math directly (SigLIP and InternViT towers, 2x2
 * pixel unshuffle, InternVL {@code mlp1}, Qwen2/2.5/3 and InternLM2 decoders) with
 * activations stored as float32 and every sum accumulated in float64. Entry points are
 * {@link io.magicvl.converter.reference.ReferenceVision},
 * {@link io.magicvl.converter.reference.ReferenceDecoder},
 * {@link io.magicvl.converter.reference.ParityStats} and
 * {@link io.magicvl.converter.reference.ParityInputs}.
 */
package io.magicvl.converter.reference;
