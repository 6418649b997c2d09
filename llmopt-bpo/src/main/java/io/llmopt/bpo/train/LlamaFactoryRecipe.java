package io.llmopt.bpo.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.export.FineTuneExporter;
import io.llmopt.bpo.export.FineTuneFormat;
import io.llmopt.bpo.pairs.OptimizedPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ready folder for training the rewriter on one's own GPUs with LLaMA-Factory: the pairs in its
 * alpaca format with their dataset description, a training configuration with the paper's
 * hyperparameters for a full fine-tune (Llama-2-7b-chat, 5 epochs, AdamW at 2e-5 with warm-up and
 * decay, weight decay 0.01, 512 tokens, loss on the answer only) and a LoRA variant for one GPU,
 * a merge configuration, and a README with the commands to train, merge and serve the result so
 * that llmopt can use it as a rewriter.
 *
 * <p>The user turn is the reference's full {@code [INST] ... [/INST]} text and the configurations
 * use LLaMA-Factory's {@code empty} template, so the model trains on exactly the text the model
 * rewriter later sends as a raw prompt; a chat template would wrap the markers a second time.
 */
public final class LlamaFactoryRecipe {

    public static final String DATASET = "bpo_pairs";
    public static final String DATA_FILE = "bpo_pairs.json";
    public static final String DEFAULT_BASE_MODEL = "meta-llama/Llama-2-7b-chat-hf";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String baseModel;

    public LlamaFactoryRecipe(String baseModel) {
        this.baseModel = baseModel == null ? DEFAULT_BASE_MODEL : baseModel;
    }

    /** Writes the folder (created when missing); returns the files written. */
    public List<Path> write(Path dir, List<OptimizedPair> pairs) {
        List<OptimizedPair> kept = pairs.stream().filter(OptimizedPair::kept).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no kept pair to train on");
        }
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            FineTuneExporter exporter = new FineTuneExporter(FineTuneExporter.UserTurn.FULL_TEMPLATE);
            written.add(write(dir.resolve(DATA_FILE), exporter.render(kept, FineTuneFormat.ALPACA_JSON)));
            written.add(write(dir.resolve("bpo_pairs.reference.json"), exporter.render(kept, FineTuneFormat.BPO_REFERENCE_JSON)));
            written.add(write(dir.resolve("dataset_info.json"), datasetInfo()));
            written.add(write(dir.resolve("train_full.yaml"), trainConfig(true)));
            written.add(write(dir.resolve("train_lora.yaml"), trainConfig(false)));
            written.add(write(dir.resolve("merge_lora.yaml"), mergeConfig()));
            written.add(write(dir.resolve("README.md"), readme(kept.size())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recipe to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static String datasetInfo() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode entry = root.putObject(DATASET);
        entry.put("file_name", DATA_FILE);
        entry.put("formatting", "alpaca");
        ObjectNode columns = entry.putObject("columns");
        columns.put("prompt", "instruction");
        columns.put("query", "input");
        columns.put("response", "output");
        return JSON.writeValueAsString(root) + "\n";
    }

    private String trainConfig(boolean full) {
        String out = full ? "saves/bpo-rewriter/full" : "saves/bpo-rewriter/lora";
        StringBuilder y = new StringBuilder();
        y.append("# LLaMA-Factory: llamafactory-cli train ").append(full ? "train_full.yaml" : "train_lora.yaml").append('\n');
        y.append(full ? "# The paper's setting: a full fine-tune (several GPUs; DeepSpeed ZeRO-3 recommended).\n"
                : "# One GPU: LoRA on every linear layer, with a higher learning rate as LoRA needs.\n");
        y.append("model_name_or_path: ").append(baseModel).append('\n');
        y.append("stage: sft\ndo_train: true\n");
        y.append("finetuning_type: ").append(full ? "full" : "lora").append('\n');
        if (!full) {
            y.append("lora_rank: 16\nlora_alpha: 32\nlora_dropout: 0.05\nlora_target: all\n");
        }
        y.append("dataset: ").append(DATASET).append('\n');
        y.append("dataset_dir: .\n");
        y.append("# the [INST] markers are in the data already, as the reference trained: no chat template\n");
        y.append("template: empty\n");
        y.append("cutoff_len: 512\n");
        y.append("train_on_prompt: false          # loss on the answer (and EOS) only\n");
        y.append("overwrite_cache: true\n");
        y.append("output_dir: ").append(out).append('\n');
        y.append("logging_steps: 10\nsave_strategy: epoch\nplot_loss: true\noverwrite_output_dir: true\n");
        y.append("per_device_train_batch_size: 4\ngradient_accumulation_steps: 8\n");
        y.append("num_train_epochs: 5.0\n");
        y.append("optim: adamw_torch\n");
        y.append("learning_rate: ").append(full ? "2.0e-5" : "1.0e-4").append('\n');
        y.append("lr_scheduler_type: linear        # warm-up, then linear decay\n");
        y.append("warmup_ratio: 0.1\n");
        y.append("weight_decay: 0.01\n");
        y.append("bf16: true\n");
        y.append("seed: 42\n");
        return y.toString();
    }

    private String mergeConfig() {
        return "# llamafactory-cli export merge_lora.yaml: folds the LoRA adapter into the base model\n"
                + "model_name_or_path: " + baseModel + "\n"
                + "adapter_name_or_path: saves/bpo-rewriter/lora\n"
                + "template: empty\n"
                + "finetuning_type: lora\n"
                + "export_dir: saves/bpo-rewriter/merged\n"
                + "export_size: 2\n"
                + "export_legacy_format: false\n";
    }

    private String readme(int pairs) {
        return String.format(Locale.ROOT, """
                # Train a BPO rewriter with LLaMA-Factory

                Written by `llmopt bpo train --recipe llama-factory`: %d optimized pairs, base model `%s`.

                | file | what |
                |---|---|
                | `bpo_pairs.json` | the pairs in LLaMA-Factory's alpaca format: `instruction` is the reference's `[INST] ... [/INST]` rewriter prompt, `output` the optimized prompt |
                | `dataset_info.json` | its dataset description (`dataset: bpo_pairs`, `dataset_dir: .`) |
                | `train_full.yaml` | the paper's full fine-tune: 5 epochs, AdamW, learning rate 2e-5 with warm-up and linear decay, weight decay 0.01, 512 tokens, loss on the answer only |
                | `train_lora.yaml` | the same on one GPU with LoRA (rank 16, learning rate 1e-4) |
                | `merge_lora.yaml` | folds the LoRA adapter into the base model |
                | `bpo_pairs.reference.json` | the same pairs in the BPO reference's own format (`{"id", "paragraph": [{"q", "a"}]}`), for its training script |

                ## Train

                ```bash
                pip install llamafactory            # or a checkout of hiyouga/LLaMA-Factory
                cd this-folder
                llamafactory-cli train train_full.yaml                 # several GPUs (add a DeepSpeed config)
                # or, on one GPU:
                llamafactory-cli train train_lora.yaml && llamafactory-cli export merge_lora.yaml
                ```

                At the start LLaMA-Factory prints one tokenized training example: its input should begin
                with the BOS token and `[INST] You are an expert prompt engineer.`; if the BOS token is
                missing, the model was trained without it and must be served without it.

                ## Serve it, and use it from llmopt

                The rewriter takes a raw prompt, not a chat: serve it on a completions endpoint with no
                chat template, and tell llmopt it speaks completions.

                ```bash
                # vLLM
                vllm serve saves/bpo-rewriter/full --served-model-name bpo-rewriter --port 8000
                llmopt bpo rewrite "Tell me about Harry Potter" --method model \\
                    --rewriter 'vllm:http://localhost:8000/v1#bpo-rewriter?api=completions'

                # llama.cpp: convert, then serve (its /v1/completions applies no template)
                python convert_hf_to_gguf.py saves/bpo-rewriter/full --outfile bpo-rewriter.gguf
                llama-server -m bpo-rewriter.gguf --port 8080
                llmopt bpo rewrite "Tell me about Harry Potter" --method model \\
                    --rewriter 'llamacpp:http://localhost:8080/v1#bpo-rewriter?api=completions'
                ```
                """, pairs, baseModel);
    }
}
