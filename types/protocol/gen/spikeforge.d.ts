import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace spikeforge. */
export namespace spikeforge {

    /**
     * Properties of an Envelope.
     * @deprecated Use spikeforge.Envelope.$Properties instead.
     */
    interface IEnvelope extends spikeforge.Envelope.$Properties {
    }

    /** Represents an Envelope. */
    class Envelope {

        /**
         * Constructs a new Envelope.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Envelope.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Envelope seq. */
        seq: number;

        /** Envelope hello. */
        hello?: (spikeforge.Hello.$Properties|null);

        /** Envelope deviceInfo. */
        deviceInfo?: (spikeforge.DeviceInfo.$Properties|null);

        /** Envelope reset. */
        reset?: (spikeforge.Reset.$Properties|null);

        /** Envelope configBegin. */
        configBegin?: (spikeforge.ConfigBegin.$Properties|null);

        /** Envelope configChunk. */
        configChunk?: (spikeforge.ConfigChunk.$Properties|null);

        /** Envelope configCommit. */
        configCommit?: (spikeforge.ConfigCommit.$Properties|null);

        /** Envelope configReadback. */
        configReadback?: (spikeforge.ConfigReadback.$Properties|null);

        /** Envelope configData. */
        configData?: (spikeforge.ConfigData.$Properties|null);

        /** Envelope start. */
        start?: (spikeforge.Start.$Properties|null);

        /** Envelope stop. */
        stop?: (spikeforge.Stop.$Properties|null);

        /** Envelope inputEvents. */
        inputEvents?: (spikeforge.InputEvents.$Properties|null);

        /** Envelope outputEvents. */
        outputEvents?: (spikeforge.OutputEvents.$Properties|null);

        /** Envelope monitorSelect. */
        monitorSelect?: (spikeforge.MonitorSelect.$Properties|null);

        /** Envelope readState. */
        readState?: (spikeforge.ReadState.$Properties|null);

        /** Envelope writeState. */
        writeState?: (spikeforge.WriteState.$Properties|null);

        /** Envelope stateData. */
        stateData?: (spikeforge.StateData.$Properties|null);

        /** Envelope getStatus. */
        getStatus?: (spikeforge.GetStatus.$Properties|null);

        /** Envelope status. */
        status?: (spikeforge.Status.$Properties|null);

        /** Envelope error. */
        error?: (spikeforge.Error.$Properties|null);

        /** Envelope ack. */
        ack?: (spikeforge.Ack.$Properties|null);

        /** Envelope nack. */
        nack?: (spikeforge.Nack.$Properties|null);

        /** Envelope configStaged. */
        configStaged?: (spikeforge.ConfigStaged.$Properties|null);

        /** Envelope streamAck. */
        streamAck?: (spikeforge.StreamAck.$Properties|null);

        /** Envelope bye. */
        bye?: (spikeforge.Bye.$Properties|null);

        /** Envelope body. */
        body?: ("hello"|"deviceInfo"|"reset"|"configBegin"|"configChunk"|"configCommit"|"configReadback"|"configData"|"start"|"stop"|"inputEvents"|"outputEvents"|"monitorSelect"|"readState"|"writeState"|"stateData"|"getStatus"|"status"|"error"|"ack"|"nack"|"configStaged"|"streamAck"|"bye");

        /**
         * Creates a new Envelope instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Envelope instance
         */
        static create(properties: spikeforge.Envelope.$Shape): spikeforge.Envelope & spikeforge.Envelope.$Shape;
        static create(properties?: spikeforge.Envelope.$Properties): spikeforge.Envelope;

        /**
         * Encodes the specified Envelope message. Does not implicitly {@link spikeforge.Envelope.verify|verify} messages.
         * @param message Envelope message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Envelope message, length delimited. Does not implicitly {@link spikeforge.Envelope.verify|verify} messages.
         * @param message Envelope message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Envelope message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Envelope & spikeforge.Envelope.$Shape} Envelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Envelope & spikeforge.Envelope.$Shape;

        /**
         * Decodes an Envelope message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Envelope & spikeforge.Envelope.$Shape} Envelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Envelope & spikeforge.Envelope.$Shape;

        /**
         * Verifies an Envelope message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Envelope
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Envelope;

        /**
         * Creates a plain object from an Envelope message. Also converts values to other types if specified.
         * @param message Envelope
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Envelope, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Envelope to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Envelope
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Envelope {

        /** Properties of an Envelope. */
        interface $Properties {

            /** Envelope seq */
            seq?: (number|null);

            /** Envelope hello */
            hello?: (spikeforge.Hello.$Properties|null);

            /** Envelope deviceInfo */
            deviceInfo?: (spikeforge.DeviceInfo.$Properties|null);

            /** Envelope reset */
            reset?: (spikeforge.Reset.$Properties|null);

            /** Envelope configBegin */
            configBegin?: (spikeforge.ConfigBegin.$Properties|null);

            /** Envelope configChunk */
            configChunk?: (spikeforge.ConfigChunk.$Properties|null);

            /** Envelope configCommit */
            configCommit?: (spikeforge.ConfigCommit.$Properties|null);

            /** Envelope configReadback */
            configReadback?: (spikeforge.ConfigReadback.$Properties|null);

            /** Envelope configData */
            configData?: (spikeforge.ConfigData.$Properties|null);

            /** Envelope start */
            start?: (spikeforge.Start.$Properties|null);

            /** Envelope stop */
            stop?: (spikeforge.Stop.$Properties|null);

            /** Envelope inputEvents */
            inputEvents?: (spikeforge.InputEvents.$Properties|null);

            /** Envelope outputEvents */
            outputEvents?: (spikeforge.OutputEvents.$Properties|null);

            /** Envelope monitorSelect */
            monitorSelect?: (spikeforge.MonitorSelect.$Properties|null);

            /** Envelope readState */
            readState?: (spikeforge.ReadState.$Properties|null);

            /** Envelope writeState */
            writeState?: (spikeforge.WriteState.$Properties|null);

            /** Envelope stateData */
            stateData?: (spikeforge.StateData.$Properties|null);

            /** Envelope getStatus */
            getStatus?: (spikeforge.GetStatus.$Properties|null);

            /** Envelope status */
            status?: (spikeforge.Status.$Properties|null);

            /** Envelope error */
            error?: (spikeforge.Error.$Properties|null);

            /** Envelope ack */
            ack?: (spikeforge.Ack.$Properties|null);

            /** Envelope nack */
            nack?: (spikeforge.Nack.$Properties|null);

            /** Envelope configStaged */
            configStaged?: (spikeforge.ConfigStaged.$Properties|null);

            /** Envelope streamAck */
            streamAck?: (spikeforge.StreamAck.$Properties|null);

            /** Envelope bye */
            bye?: (spikeforge.Bye.$Properties|null);

            /** Envelope body */
            body?: ("hello"|"deviceInfo"|"reset"|"configBegin"|"configChunk"|"configCommit"|"configReadback"|"configData"|"start"|"stop"|"inputEvents"|"outputEvents"|"monitorSelect"|"readState"|"writeState"|"stateData"|"getStatus"|"status"|"error"|"ack"|"nack"|"configStaged"|"streamAck"|"bye");

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Narrowed shape of an Envelope. */
        type $Shape = {
          seq?: number|null;
          hello?: spikeforge.Hello.$Shape|null;
          deviceInfo?: spikeforge.DeviceInfo.$Shape|null;
          reset?: spikeforge.Reset.$Shape|null;
          configBegin?: spikeforge.ConfigBegin.$Shape|null;
          configChunk?: spikeforge.ConfigChunk.$Shape|null;
          configCommit?: spikeforge.ConfigCommit.$Shape|null;
          configReadback?: spikeforge.ConfigReadback.$Shape|null;
          configData?: spikeforge.ConfigData.$Shape|null;
          start?: spikeforge.Start.$Shape|null;
          stop?: spikeforge.Stop.$Shape|null;
          inputEvents?: spikeforge.InputEvents.$Shape|null;
          outputEvents?: spikeforge.OutputEvents.$Shape|null;
          monitorSelect?: spikeforge.MonitorSelect.$Shape|null;
          readState?: spikeforge.ReadState.$Shape|null;
          writeState?: spikeforge.WriteState.$Shape|null;
          stateData?: spikeforge.StateData.$Shape|null;
          getStatus?: spikeforge.GetStatus.$Shape|null;
          status?: spikeforge.Status.$Shape|null;
          error?: spikeforge.Error.$Shape|null;
          ack?: spikeforge.Ack.$Shape|null;
          nack?: spikeforge.Nack.$Shape|null;
          configStaged?: spikeforge.ConfigStaged.$Shape|null;
          streamAck?: spikeforge.StreamAck.$Shape|null;
          bye?: spikeforge.Bye.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ body?: undefined; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "hello"; hello: spikeforge.Hello.$Shape; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "deviceInfo"; hello?: null; deviceInfo: spikeforge.DeviceInfo.$Shape; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "reset"; hello?: null; deviceInfo?: null; reset: spikeforge.Reset.$Shape; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "configBegin"; hello?: null; deviceInfo?: null; reset?: null; configBegin: spikeforge.ConfigBegin.$Shape; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "configChunk"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk: spikeforge.ConfigChunk.$Shape; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "configCommit"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit: spikeforge.ConfigCommit.$Shape; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "configReadback"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback: spikeforge.ConfigReadback.$Shape; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "configData"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData: spikeforge.ConfigData.$Shape; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "start"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start: spikeforge.Start.$Shape; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "stop"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop: spikeforge.Stop.$Shape; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "inputEvents"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents: spikeforge.InputEvents.$Shape; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "outputEvents"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents: spikeforge.OutputEvents.$Shape; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "monitorSelect"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect: spikeforge.MonitorSelect.$Shape; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "readState"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState: spikeforge.ReadState.$Shape; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "writeState"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState: spikeforge.WriteState.$Shape; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "stateData"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData: spikeforge.StateData.$Shape; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "getStatus"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus: spikeforge.GetStatus.$Shape; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "status"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status: spikeforge.Status.$Shape; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "error"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error: spikeforge.Error.$Shape; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "ack"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack: spikeforge.Ack.$Shape; nack?: null; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "nack"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack: spikeforge.Nack.$Shape; configStaged?: null; streamAck?: null; bye?: null }|{ body?: "configStaged"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged: spikeforge.ConfigStaged.$Shape; streamAck?: null; bye?: null }|{ body?: "streamAck"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck: spikeforge.StreamAck.$Shape; bye?: null }|{ body?: "bye"; hello?: null; deviceInfo?: null; reset?: null; configBegin?: null; configChunk?: null; configCommit?: null; configReadback?: null; configData?: null; start?: null; stop?: null; inputEvents?: null; outputEvents?: null; monitorSelect?: null; readState?: null; writeState?: null; stateData?: null; getStatus?: null; status?: null; error?: null; ack?: null; nack?: null; configStaged?: null; streamAck?: null; bye: spikeforge.Bye.$Shape })
        );
    }

    /**
     * Properties of a Hello.
     * @deprecated Use spikeforge.Hello.$Properties instead.
     */
    interface IHello extends spikeforge.Hello.$Properties {
    }

    /** Represents a Hello. */
    class Hello {

        /**
         * Constructs a new Hello.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Hello.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Hello protocolMin. */
        protocolMin: number;

        /** Hello protocolMax. */
        protocolMax: number;

        /** Hello host. */
        host: string;

        /** Hello sessionId. */
        sessionId: number;

        /** Hello maxFrameSize. */
        maxFrameSize: number;

        /**
         * Creates a new Hello instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Hello instance
         */
        static create(properties: spikeforge.Hello.$Shape): spikeforge.Hello & spikeforge.Hello.$Shape;
        static create(properties?: spikeforge.Hello.$Properties): spikeforge.Hello;

        /**
         * Encodes the specified Hello message. Does not implicitly {@link spikeforge.Hello.verify|verify} messages.
         * @param message Hello message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Hello message, length delimited. Does not implicitly {@link spikeforge.Hello.verify|verify} messages.
         * @param message Hello message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Hello message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Hello & spikeforge.Hello.$Shape} Hello
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Hello & spikeforge.Hello.$Shape;

        /**
         * Decodes a Hello message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Hello & spikeforge.Hello.$Shape} Hello
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Hello & spikeforge.Hello.$Shape;

        /**
         * Verifies a Hello message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Hello message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Hello
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Hello;

        /**
         * Creates a plain object from a Hello message. Also converts values to other types if specified.
         * @param message Hello
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Hello, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Hello to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Hello
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Hello {

        /** Properties of a Hello. */
        interface $Properties {

            /** Hello protocolMin */
            protocolMin?: (number|null);

            /** Hello protocolMax */
            protocolMax?: (number|null);

            /** Hello host */
            host?: (string|null);

            /** Hello sessionId */
            sessionId?: (number|null);

            /** Hello maxFrameSize */
            maxFrameSize?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Hello. */
        type $Shape = spikeforge.Hello.$Properties;
    }

    /**
     * Properties of a DeviceInfo.
     * @deprecated Use spikeforge.DeviceInfo.$Properties instead.
     */
    interface IDeviceInfo extends spikeforge.DeviceInfo.$Properties {
    }

    /** Represents a DeviceInfo. */
    class DeviceInfo {

        /**
         * Constructs a new DeviceInfo.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.DeviceInfo.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** DeviceInfo protocolVersion. */
        protocolVersion: number;

        /** DeviceInfo board. */
        board: string;

        /** DeviceInfo firmwareVersion. */
        firmwareVersion: string;

        /** DeviceInfo chip. */
        chip: string;

        /** DeviceInfo chipCode. */
        chipCode: number;

        /** DeviceInfo serialNumber. */
        serialNumber: string;

        /** DeviceInfo maxFrameSize. */
        maxFrameSize: number;

        /** DeviceInfo capabilities. */
        capabilities: string[];

        /** DeviceInfo imageFormatMin. */
        imageFormatMin: number;

        /** DeviceInfo imageFormatMax. */
        imageFormatMax: number;

        /** DeviceInfo activeImageHash. */
        activeImageHash: Uint8Array;

        /** DeviceInfo activeImageCrc. */
        activeImageCrc: number;

        /** DeviceInfo activeImageSize. */
        activeImageSize: number;

        /** DeviceInfo inputFifoCapacity. */
        inputFifoCapacity: number;

        /** DeviceInfo outputWindow. */
        outputWindow: number;

        /**
         * Creates a new DeviceInfo instance using the specified properties.
         * @param [properties] Properties to set
         * @returns DeviceInfo instance
         */
        static create(properties: spikeforge.DeviceInfo.$Shape): spikeforge.DeviceInfo & spikeforge.DeviceInfo.$Shape;
        static create(properties?: spikeforge.DeviceInfo.$Properties): spikeforge.DeviceInfo;

        /**
         * Encodes the specified DeviceInfo message. Does not implicitly {@link spikeforge.DeviceInfo.verify|verify} messages.
         * @param message DeviceInfo message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.DeviceInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified DeviceInfo message, length delimited. Does not implicitly {@link spikeforge.DeviceInfo.verify|verify} messages.
         * @param message DeviceInfo message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.DeviceInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a DeviceInfo message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.DeviceInfo & spikeforge.DeviceInfo.$Shape} DeviceInfo
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.DeviceInfo & spikeforge.DeviceInfo.$Shape;

        /**
         * Decodes a DeviceInfo message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.DeviceInfo & spikeforge.DeviceInfo.$Shape} DeviceInfo
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.DeviceInfo & spikeforge.DeviceInfo.$Shape;

        /**
         * Verifies a DeviceInfo message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a DeviceInfo message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns DeviceInfo
         */
        static fromObject(object: { [k: string]: any }): spikeforge.DeviceInfo;

        /**
         * Creates a plain object from a DeviceInfo message. Also converts values to other types if specified.
         * @param message DeviceInfo
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.DeviceInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this DeviceInfo to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for DeviceInfo
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace DeviceInfo {

        /** Properties of a DeviceInfo. */
        interface $Properties {

            /** DeviceInfo protocolVersion */
            protocolVersion?: (number|null);

            /** DeviceInfo board */
            board?: (string|null);

            /** DeviceInfo firmwareVersion */
            firmwareVersion?: (string|null);

            /** DeviceInfo chip */
            chip?: (string|null);

            /** DeviceInfo chipCode */
            chipCode?: (number|null);

            /** DeviceInfo serialNumber */
            serialNumber?: (string|null);

            /** DeviceInfo maxFrameSize */
            maxFrameSize?: (number|null);

            /** DeviceInfo capabilities */
            capabilities?: (string[]|null);

            /** DeviceInfo imageFormatMin */
            imageFormatMin?: (number|null);

            /** DeviceInfo imageFormatMax */
            imageFormatMax?: (number|null);

            /** DeviceInfo activeImageHash */
            activeImageHash?: (Uint8Array|null);

            /** DeviceInfo activeImageCrc */
            activeImageCrc?: (number|null);

            /** DeviceInfo activeImageSize */
            activeImageSize?: (number|null);

            /** DeviceInfo inputFifoCapacity */
            inputFifoCapacity?: (number|null);

            /** DeviceInfo outputWindow */
            outputWindow?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a DeviceInfo. */
        type $Shape = spikeforge.DeviceInfo.$Properties;
    }

    /**
     * Properties of a Reset.
     * @deprecated Use spikeforge.Reset.$Properties instead.
     */
    interface IReset extends spikeforge.Reset.$Properties {
    }

    /** Represents a Reset. */
    class Reset {

        /**
         * Constructs a new Reset.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Reset.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Reset clearConfig. */
        clearConfig: boolean;

        /**
         * Creates a new Reset instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Reset instance
         */
        static create(properties: spikeforge.Reset.$Shape): spikeforge.Reset & spikeforge.Reset.$Shape;
        static create(properties?: spikeforge.Reset.$Properties): spikeforge.Reset;

        /**
         * Encodes the specified Reset message. Does not implicitly {@link spikeforge.Reset.verify|verify} messages.
         * @param message Reset message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Reset.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Reset message, length delimited. Does not implicitly {@link spikeforge.Reset.verify|verify} messages.
         * @param message Reset message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Reset.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Reset message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Reset & spikeforge.Reset.$Shape} Reset
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Reset & spikeforge.Reset.$Shape;

        /**
         * Decodes a Reset message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Reset & spikeforge.Reset.$Shape} Reset
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Reset & spikeforge.Reset.$Shape;

        /**
         * Verifies a Reset message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Reset message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Reset
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Reset;

        /**
         * Creates a plain object from a Reset message. Also converts values to other types if specified.
         * @param message Reset
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Reset, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Reset to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Reset
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Reset {

        /** Properties of a Reset. */
        interface $Properties {

            /** Reset clearConfig */
            clearConfig?: (boolean|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Reset. */
        type $Shape = spikeforge.Reset.$Properties;
    }

    /**
     * Properties of a ConfigBegin.
     * @deprecated Use spikeforge.ConfigBegin.$Properties instead.
     */
    interface IConfigBegin extends spikeforge.ConfigBegin.$Properties {
    }

    /** Represents a ConfigBegin. */
    class ConfigBegin {

        /**
         * Constructs a new ConfigBegin.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.ConfigBegin.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConfigBegin imageSize. */
        imageSize: number;

        /** ConfigBegin imageCrc. */
        imageCrc: number;

        /** ConfigBegin imageFormatVersion. */
        imageFormatVersion: number;

        /** ConfigBegin resume. */
        resume: boolean;

        /** ConfigBegin chunkSize. */
        chunkSize: number;

        /**
         * Creates a new ConfigBegin instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConfigBegin instance
         */
        static create(properties: spikeforge.ConfigBegin.$Shape): spikeforge.ConfigBegin & spikeforge.ConfigBegin.$Shape;
        static create(properties?: spikeforge.ConfigBegin.$Properties): spikeforge.ConfigBegin;

        /**
         * Encodes the specified ConfigBegin message. Does not implicitly {@link spikeforge.ConfigBegin.verify|verify} messages.
         * @param message ConfigBegin message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.ConfigBegin.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ConfigBegin message, length delimited. Does not implicitly {@link spikeforge.ConfigBegin.verify|verify} messages.
         * @param message ConfigBegin message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.ConfigBegin.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConfigBegin message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.ConfigBegin & spikeforge.ConfigBegin.$Shape} ConfigBegin
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.ConfigBegin & spikeforge.ConfigBegin.$Shape;

        /**
         * Decodes a ConfigBegin message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.ConfigBegin & spikeforge.ConfigBegin.$Shape} ConfigBegin
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.ConfigBegin & spikeforge.ConfigBegin.$Shape;

        /**
         * Verifies a ConfigBegin message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ConfigBegin message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ConfigBegin
         */
        static fromObject(object: { [k: string]: any }): spikeforge.ConfigBegin;

        /**
         * Creates a plain object from a ConfigBegin message. Also converts values to other types if specified.
         * @param message ConfigBegin
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.ConfigBegin, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ConfigBegin to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ConfigBegin
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ConfigBegin {

        /** Properties of a ConfigBegin. */
        interface $Properties {

            /** ConfigBegin imageSize */
            imageSize?: (number|null);

            /** ConfigBegin imageCrc */
            imageCrc?: (number|null);

            /** ConfigBegin imageFormatVersion */
            imageFormatVersion?: (number|null);

            /** ConfigBegin resume */
            resume?: (boolean|null);

            /** ConfigBegin chunkSize */
            chunkSize?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConfigBegin. */
        type $Shape = spikeforge.ConfigBegin.$Properties;
    }

    /**
     * Properties of a ConfigStaged.
     * @deprecated Use spikeforge.ConfigStaged.$Properties instead.
     */
    interface IConfigStaged extends spikeforge.ConfigStaged.$Properties {
    }

    /** Represents a ConfigStaged. */
    class ConfigStaged {

        /**
         * Constructs a new ConfigStaged.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.ConfigStaged.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConfigStaged imageSize. */
        imageSize: number;

        /** ConfigStaged imageCrc. */
        imageCrc: number;

        /** ConfigStaged chunkSize. */
        chunkSize: number;

        /** ConfigStaged received. */
        received: Uint8Array;

        /** ConfigStaged receivedBytes. */
        receivedBytes: number;

        /**
         * Creates a new ConfigStaged instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConfigStaged instance
         */
        static create(properties: spikeforge.ConfigStaged.$Shape): spikeforge.ConfigStaged & spikeforge.ConfigStaged.$Shape;
        static create(properties?: spikeforge.ConfigStaged.$Properties): spikeforge.ConfigStaged;

        /**
         * Encodes the specified ConfigStaged message. Does not implicitly {@link spikeforge.ConfigStaged.verify|verify} messages.
         * @param message ConfigStaged message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.ConfigStaged.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ConfigStaged message, length delimited. Does not implicitly {@link spikeforge.ConfigStaged.verify|verify} messages.
         * @param message ConfigStaged message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.ConfigStaged.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConfigStaged message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.ConfigStaged & spikeforge.ConfigStaged.$Shape} ConfigStaged
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.ConfigStaged & spikeforge.ConfigStaged.$Shape;

        /**
         * Decodes a ConfigStaged message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.ConfigStaged & spikeforge.ConfigStaged.$Shape} ConfigStaged
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.ConfigStaged & spikeforge.ConfigStaged.$Shape;

        /**
         * Verifies a ConfigStaged message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ConfigStaged message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ConfigStaged
         */
        static fromObject(object: { [k: string]: any }): spikeforge.ConfigStaged;

        /**
         * Creates a plain object from a ConfigStaged message. Also converts values to other types if specified.
         * @param message ConfigStaged
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.ConfigStaged, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ConfigStaged to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ConfigStaged
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ConfigStaged {

        /** Properties of a ConfigStaged. */
        interface $Properties {

            /** ConfigStaged imageSize */
            imageSize?: (number|null);

            /** ConfigStaged imageCrc */
            imageCrc?: (number|null);

            /** ConfigStaged chunkSize */
            chunkSize?: (number|null);

            /** ConfigStaged received */
            received?: (Uint8Array|null);

            /** ConfigStaged receivedBytes */
            receivedBytes?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConfigStaged. */
        type $Shape = spikeforge.ConfigStaged.$Properties;
    }

    /**
     * Properties of a ConfigChunk.
     * @deprecated Use spikeforge.ConfigChunk.$Properties instead.
     */
    interface IConfigChunk extends spikeforge.ConfigChunk.$Properties {
    }

    /** Represents a ConfigChunk. */
    class ConfigChunk {

        /**
         * Constructs a new ConfigChunk.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.ConfigChunk.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConfigChunk offset. */
        offset: number;

        /** ConfigChunk data. */
        data: Uint8Array;

        /**
         * Creates a new ConfigChunk instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConfigChunk instance
         */
        static create(properties: spikeforge.ConfigChunk.$Shape): spikeforge.ConfigChunk & spikeforge.ConfigChunk.$Shape;
        static create(properties?: spikeforge.ConfigChunk.$Properties): spikeforge.ConfigChunk;

        /**
         * Encodes the specified ConfigChunk message. Does not implicitly {@link spikeforge.ConfigChunk.verify|verify} messages.
         * @param message ConfigChunk message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.ConfigChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ConfigChunk message, length delimited. Does not implicitly {@link spikeforge.ConfigChunk.verify|verify} messages.
         * @param message ConfigChunk message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.ConfigChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConfigChunk message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.ConfigChunk & spikeforge.ConfigChunk.$Shape} ConfigChunk
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.ConfigChunk & spikeforge.ConfigChunk.$Shape;

        /**
         * Decodes a ConfigChunk message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.ConfigChunk & spikeforge.ConfigChunk.$Shape} ConfigChunk
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.ConfigChunk & spikeforge.ConfigChunk.$Shape;

        /**
         * Verifies a ConfigChunk message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ConfigChunk message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ConfigChunk
         */
        static fromObject(object: { [k: string]: any }): spikeforge.ConfigChunk;

        /**
         * Creates a plain object from a ConfigChunk message. Also converts values to other types if specified.
         * @param message ConfigChunk
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.ConfigChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ConfigChunk to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ConfigChunk
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ConfigChunk {

        /** Properties of a ConfigChunk. */
        interface $Properties {

            /** ConfigChunk offset */
            offset?: (number|null);

            /** ConfigChunk data */
            data?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConfigChunk. */
        type $Shape = spikeforge.ConfigChunk.$Properties;
    }

    /**
     * Properties of a ConfigCommit.
     * @deprecated Use spikeforge.ConfigCommit.$Properties instead.
     */
    interface IConfigCommit extends spikeforge.ConfigCommit.$Properties {
    }

    /** Represents a ConfigCommit. */
    class ConfigCommit {

        /**
         * Constructs a new ConfigCommit.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.ConfigCommit.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConfigCommit imageCrc. */
        imageCrc: number;

        /**
         * Creates a new ConfigCommit instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConfigCommit instance
         */
        static create(properties: spikeforge.ConfigCommit.$Shape): spikeforge.ConfigCommit & spikeforge.ConfigCommit.$Shape;
        static create(properties?: spikeforge.ConfigCommit.$Properties): spikeforge.ConfigCommit;

        /**
         * Encodes the specified ConfigCommit message. Does not implicitly {@link spikeforge.ConfigCommit.verify|verify} messages.
         * @param message ConfigCommit message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.ConfigCommit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ConfigCommit message, length delimited. Does not implicitly {@link spikeforge.ConfigCommit.verify|verify} messages.
         * @param message ConfigCommit message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.ConfigCommit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConfigCommit message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.ConfigCommit & spikeforge.ConfigCommit.$Shape} ConfigCommit
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.ConfigCommit & spikeforge.ConfigCommit.$Shape;

        /**
         * Decodes a ConfigCommit message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.ConfigCommit & spikeforge.ConfigCommit.$Shape} ConfigCommit
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.ConfigCommit & spikeforge.ConfigCommit.$Shape;

        /**
         * Verifies a ConfigCommit message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ConfigCommit message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ConfigCommit
         */
        static fromObject(object: { [k: string]: any }): spikeforge.ConfigCommit;

        /**
         * Creates a plain object from a ConfigCommit message. Also converts values to other types if specified.
         * @param message ConfigCommit
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.ConfigCommit, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ConfigCommit to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ConfigCommit
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ConfigCommit {

        /** Properties of a ConfigCommit. */
        interface $Properties {

            /** ConfigCommit imageCrc */
            imageCrc?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConfigCommit. */
        type $Shape = spikeforge.ConfigCommit.$Properties;
    }

    /**
     * Properties of a ConfigReadback.
     * @deprecated Use spikeforge.ConfigReadback.$Properties instead.
     */
    interface IConfigReadback extends spikeforge.ConfigReadback.$Properties {
    }

    /** Represents a ConfigReadback. */
    class ConfigReadback {

        /**
         * Constructs a new ConfigReadback.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.ConfigReadback.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConfigReadback offset. */
        offset: number;

        /** ConfigReadback length. */
        length: number;

        /**
         * Creates a new ConfigReadback instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConfigReadback instance
         */
        static create(properties: spikeforge.ConfigReadback.$Shape): spikeforge.ConfigReadback & spikeforge.ConfigReadback.$Shape;
        static create(properties?: spikeforge.ConfigReadback.$Properties): spikeforge.ConfigReadback;

        /**
         * Encodes the specified ConfigReadback message. Does not implicitly {@link spikeforge.ConfigReadback.verify|verify} messages.
         * @param message ConfigReadback message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.ConfigReadback.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ConfigReadback message, length delimited. Does not implicitly {@link spikeforge.ConfigReadback.verify|verify} messages.
         * @param message ConfigReadback message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.ConfigReadback.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConfigReadback message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.ConfigReadback & spikeforge.ConfigReadback.$Shape} ConfigReadback
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.ConfigReadback & spikeforge.ConfigReadback.$Shape;

        /**
         * Decodes a ConfigReadback message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.ConfigReadback & spikeforge.ConfigReadback.$Shape} ConfigReadback
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.ConfigReadback & spikeforge.ConfigReadback.$Shape;

        /**
         * Verifies a ConfigReadback message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ConfigReadback message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ConfigReadback
         */
        static fromObject(object: { [k: string]: any }): spikeforge.ConfigReadback;

        /**
         * Creates a plain object from a ConfigReadback message. Also converts values to other types if specified.
         * @param message ConfigReadback
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.ConfigReadback, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ConfigReadback to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ConfigReadback
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ConfigReadback {

        /** Properties of a ConfigReadback. */
        interface $Properties {

            /** ConfigReadback offset */
            offset?: (number|null);

            /** ConfigReadback length */
            length?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConfigReadback. */
        type $Shape = spikeforge.ConfigReadback.$Properties;
    }

    /**
     * Properties of a ConfigData.
     * @deprecated Use spikeforge.ConfigData.$Properties instead.
     */
    interface IConfigData extends spikeforge.ConfigData.$Properties {
    }

    /** Represents a ConfigData. */
    class ConfigData {

        /**
         * Constructs a new ConfigData.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.ConfigData.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConfigData offset. */
        offset: number;

        /** ConfigData data. */
        data: Uint8Array;

        /** ConfigData totalSize. */
        totalSize: number;

        /**
         * Creates a new ConfigData instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConfigData instance
         */
        static create(properties: spikeforge.ConfigData.$Shape): spikeforge.ConfigData & spikeforge.ConfigData.$Shape;
        static create(properties?: spikeforge.ConfigData.$Properties): spikeforge.ConfigData;

        /**
         * Encodes the specified ConfigData message. Does not implicitly {@link spikeforge.ConfigData.verify|verify} messages.
         * @param message ConfigData message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.ConfigData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ConfigData message, length delimited. Does not implicitly {@link spikeforge.ConfigData.verify|verify} messages.
         * @param message ConfigData message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.ConfigData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConfigData message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.ConfigData & spikeforge.ConfigData.$Shape} ConfigData
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.ConfigData & spikeforge.ConfigData.$Shape;

        /**
         * Decodes a ConfigData message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.ConfigData & spikeforge.ConfigData.$Shape} ConfigData
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.ConfigData & spikeforge.ConfigData.$Shape;

        /**
         * Verifies a ConfigData message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ConfigData message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ConfigData
         */
        static fromObject(object: { [k: string]: any }): spikeforge.ConfigData;

        /**
         * Creates a plain object from a ConfigData message. Also converts values to other types if specified.
         * @param message ConfigData
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.ConfigData, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ConfigData to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ConfigData
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ConfigData {

        /** Properties of a ConfigData. */
        interface $Properties {

            /** ConfigData offset */
            offset?: (number|null);

            /** ConfigData data */
            data?: (Uint8Array|null);

            /** ConfigData totalSize */
            totalSize?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConfigData. */
        type $Shape = spikeforge.ConfigData.$Properties;
    }

    /**
     * Properties of a Start.
     * @deprecated Use spikeforge.Start.$Properties instead.
     */
    interface IStart extends spikeforge.Start.$Properties {
    }

    /** Represents a Start. */
    class Start {

        /**
         * Constructs a new Start.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Start.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Start realtime. */
        realtime: boolean;

        /** Start steps. */
        steps: number;

        /** Start keepState. */
        keepState: boolean;

        /** Start runId. */
        runId: number;

        /**
         * Creates a new Start instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Start instance
         */
        static create(properties: spikeforge.Start.$Shape): spikeforge.Start & spikeforge.Start.$Shape;
        static create(properties?: spikeforge.Start.$Properties): spikeforge.Start;

        /**
         * Encodes the specified Start message. Does not implicitly {@link spikeforge.Start.verify|verify} messages.
         * @param message Start message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Start.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Start message, length delimited. Does not implicitly {@link spikeforge.Start.verify|verify} messages.
         * @param message Start message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Start.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Start message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Start & spikeforge.Start.$Shape} Start
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Start & spikeforge.Start.$Shape;

        /**
         * Decodes a Start message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Start & spikeforge.Start.$Shape} Start
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Start & spikeforge.Start.$Shape;

        /**
         * Verifies a Start message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Start message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Start
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Start;

        /**
         * Creates a plain object from a Start message. Also converts values to other types if specified.
         * @param message Start
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Start, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Start to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Start
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Start {

        /** Properties of a Start. */
        interface $Properties {

            /** Start realtime */
            realtime?: (boolean|null);

            /** Start steps */
            steps?: (number|null);

            /** Start keepState */
            keepState?: (boolean|null);

            /** Start runId */
            runId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Start. */
        type $Shape = spikeforge.Start.$Properties;
    }

    /**
     * Properties of a Stop.
     * @deprecated Use spikeforge.Stop.$Properties instead.
     */
    interface IStop extends spikeforge.Stop.$Properties {
    }

    /** Represents a Stop. */
    class Stop {

        /**
         * Constructs a new Stop.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Stop.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /**
         * Creates a new Stop instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Stop instance
         */
        static create(properties: spikeforge.Stop.$Shape): spikeforge.Stop & spikeforge.Stop.$Shape;
        static create(properties?: spikeforge.Stop.$Properties): spikeforge.Stop;

        /**
         * Encodes the specified Stop message. Does not implicitly {@link spikeforge.Stop.verify|verify} messages.
         * @param message Stop message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Stop.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Stop message, length delimited. Does not implicitly {@link spikeforge.Stop.verify|verify} messages.
         * @param message Stop message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Stop.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Stop message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Stop & spikeforge.Stop.$Shape} Stop
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Stop & spikeforge.Stop.$Shape;

        /**
         * Decodes a Stop message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Stop & spikeforge.Stop.$Shape} Stop
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Stop & spikeforge.Stop.$Shape;

        /**
         * Verifies a Stop message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Stop message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Stop
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Stop;

        /**
         * Creates a plain object from a Stop message. Also converts values to other types if specified.
         * @param message Stop
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Stop, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Stop to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Stop
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Stop {

        /** Properties of a Stop. */
        interface $Properties {

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Stop. */
        type $Shape = spikeforge.Stop.$Properties;
    }

    /**
     * Properties of an InputEvents.
     * @deprecated Use spikeforge.InputEvents.$Properties instead.
     */
    interface IInputEvents extends spikeforge.InputEvents.$Properties {
    }

    /** Represents an InputEvents. */
    class InputEvents {

        /**
         * Constructs a new InputEvents.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.InputEvents.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** InputEvents streamSeq. */
        streamSeq: number;

        /** InputEvents firstStep. */
        firstStep: number;

        /** InputEvents count. */
        count: number;

        /** InputEvents packed. */
        packed: Uint8Array;

        /** InputEvents endOfInput. */
        endOfInput: boolean;

        /**
         * Creates a new InputEvents instance using the specified properties.
         * @param [properties] Properties to set
         * @returns InputEvents instance
         */
        static create(properties: spikeforge.InputEvents.$Shape): spikeforge.InputEvents & spikeforge.InputEvents.$Shape;
        static create(properties?: spikeforge.InputEvents.$Properties): spikeforge.InputEvents;

        /**
         * Encodes the specified InputEvents message. Does not implicitly {@link spikeforge.InputEvents.verify|verify} messages.
         * @param message InputEvents message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.InputEvents.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified InputEvents message, length delimited. Does not implicitly {@link spikeforge.InputEvents.verify|verify} messages.
         * @param message InputEvents message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.InputEvents.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an InputEvents message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.InputEvents & spikeforge.InputEvents.$Shape} InputEvents
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.InputEvents & spikeforge.InputEvents.$Shape;

        /**
         * Decodes an InputEvents message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.InputEvents & spikeforge.InputEvents.$Shape} InputEvents
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.InputEvents & spikeforge.InputEvents.$Shape;

        /**
         * Verifies an InputEvents message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates an InputEvents message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns InputEvents
         */
        static fromObject(object: { [k: string]: any }): spikeforge.InputEvents;

        /**
         * Creates a plain object from an InputEvents message. Also converts values to other types if specified.
         * @param message InputEvents
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.InputEvents, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this InputEvents to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for InputEvents
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace InputEvents {

        /** Properties of an InputEvents. */
        interface $Properties {

            /** InputEvents streamSeq */
            streamSeq?: (number|null);

            /** InputEvents firstStep */
            firstStep?: (number|null);

            /** InputEvents count */
            count?: (number|null);

            /** InputEvents packed */
            packed?: (Uint8Array|null);

            /** InputEvents endOfInput */
            endOfInput?: (boolean|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an InputEvents. */
        type $Shape = spikeforge.InputEvents.$Properties;
    }

    /**
     * Properties of an OutputEvents.
     * @deprecated Use spikeforge.OutputEvents.$Properties instead.
     */
    interface IOutputEvents extends spikeforge.OutputEvents.$Properties {
    }

    /** Represents an OutputEvents. */
    class OutputEvents {

        /**
         * Constructs a new OutputEvents.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.OutputEvents.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** OutputEvents streamSeq. */
        streamSeq: number;

        /** OutputEvents firstStep. */
        firstStep: number;

        /** OutputEvents count. */
        count: number;

        /** OutputEvents packed. */
        packed: Uint8Array;

        /** OutputEvents endOfRun. */
        endOfRun: boolean;

        /** OutputEvents lastStep. */
        lastStep: number;

        /** OutputEvents inputConsumed. */
        inputConsumed: number;

        /** OutputEvents dropped. */
        dropped: number;

        /** OutputEvents runId. */
        runId: number;

        /**
         * Creates a new OutputEvents instance using the specified properties.
         * @param [properties] Properties to set
         * @returns OutputEvents instance
         */
        static create(properties: spikeforge.OutputEvents.$Shape): spikeforge.OutputEvents & spikeforge.OutputEvents.$Shape;
        static create(properties?: spikeforge.OutputEvents.$Properties): spikeforge.OutputEvents;

        /**
         * Encodes the specified OutputEvents message. Does not implicitly {@link spikeforge.OutputEvents.verify|verify} messages.
         * @param message OutputEvents message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.OutputEvents.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified OutputEvents message, length delimited. Does not implicitly {@link spikeforge.OutputEvents.verify|verify} messages.
         * @param message OutputEvents message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.OutputEvents.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an OutputEvents message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.OutputEvents & spikeforge.OutputEvents.$Shape} OutputEvents
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.OutputEvents & spikeforge.OutputEvents.$Shape;

        /**
         * Decodes an OutputEvents message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.OutputEvents & spikeforge.OutputEvents.$Shape} OutputEvents
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.OutputEvents & spikeforge.OutputEvents.$Shape;

        /**
         * Verifies an OutputEvents message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates an OutputEvents message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns OutputEvents
         */
        static fromObject(object: { [k: string]: any }): spikeforge.OutputEvents;

        /**
         * Creates a plain object from an OutputEvents message. Also converts values to other types if specified.
         * @param message OutputEvents
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.OutputEvents, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this OutputEvents to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for OutputEvents
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace OutputEvents {

        /** Properties of an OutputEvents. */
        interface $Properties {

            /** OutputEvents streamSeq */
            streamSeq?: (number|null);

            /** OutputEvents firstStep */
            firstStep?: (number|null);

            /** OutputEvents count */
            count?: (number|null);

            /** OutputEvents packed */
            packed?: (Uint8Array|null);

            /** OutputEvents endOfRun */
            endOfRun?: (boolean|null);

            /** OutputEvents lastStep */
            lastStep?: (number|null);

            /** OutputEvents inputConsumed */
            inputConsumed?: (number|null);

            /** OutputEvents dropped */
            dropped?: (number|null);

            /** OutputEvents runId */
            runId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an OutputEvents. */
        type $Shape = spikeforge.OutputEvents.$Properties;
    }

    /**
     * Properties of a StreamAck.
     * @deprecated Use spikeforge.StreamAck.$Properties instead.
     */
    interface IStreamAck extends spikeforge.StreamAck.$Properties {
    }

    /** Represents a StreamAck. */
    class StreamAck {

        /**
         * Constructs a new StreamAck.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.StreamAck.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** StreamAck streamSeq. */
        streamSeq: number;

        /** StreamAck runId. */
        runId: number;

        /**
         * Creates a new StreamAck instance using the specified properties.
         * @param [properties] Properties to set
         * @returns StreamAck instance
         */
        static create(properties: spikeforge.StreamAck.$Shape): spikeforge.StreamAck & spikeforge.StreamAck.$Shape;
        static create(properties?: spikeforge.StreamAck.$Properties): spikeforge.StreamAck;

        /**
         * Encodes the specified StreamAck message. Does not implicitly {@link spikeforge.StreamAck.verify|verify} messages.
         * @param message StreamAck message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.StreamAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified StreamAck message, length delimited. Does not implicitly {@link spikeforge.StreamAck.verify|verify} messages.
         * @param message StreamAck message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.StreamAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a StreamAck message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.StreamAck & spikeforge.StreamAck.$Shape} StreamAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.StreamAck & spikeforge.StreamAck.$Shape;

        /**
         * Decodes a StreamAck message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.StreamAck & spikeforge.StreamAck.$Shape} StreamAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.StreamAck & spikeforge.StreamAck.$Shape;

        /**
         * Verifies a StreamAck message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a StreamAck message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns StreamAck
         */
        static fromObject(object: { [k: string]: any }): spikeforge.StreamAck;

        /**
         * Creates a plain object from a StreamAck message. Also converts values to other types if specified.
         * @param message StreamAck
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.StreamAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this StreamAck to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for StreamAck
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace StreamAck {

        /** Properties of a StreamAck. */
        interface $Properties {

            /** StreamAck streamSeq */
            streamSeq?: (number|null);

            /** StreamAck runId */
            runId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a StreamAck. */
        type $Shape = spikeforge.StreamAck.$Properties;
    }

    /**
     * Properties of a Bye.
     * @deprecated Use spikeforge.Bye.$Properties instead.
     */
    interface IBye extends spikeforge.Bye.$Properties {
    }

    /** Represents a Bye. */
    class Bye {

        /**
         * Constructs a new Bye.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Bye.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /**
         * Creates a new Bye instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Bye instance
         */
        static create(properties: spikeforge.Bye.$Shape): spikeforge.Bye & spikeforge.Bye.$Shape;
        static create(properties?: spikeforge.Bye.$Properties): spikeforge.Bye;

        /**
         * Encodes the specified Bye message. Does not implicitly {@link spikeforge.Bye.verify|verify} messages.
         * @param message Bye message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Bye.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Bye message, length delimited. Does not implicitly {@link spikeforge.Bye.verify|verify} messages.
         * @param message Bye message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Bye.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Bye message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Bye & spikeforge.Bye.$Shape} Bye
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Bye & spikeforge.Bye.$Shape;

        /**
         * Decodes a Bye message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Bye & spikeforge.Bye.$Shape} Bye
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Bye & spikeforge.Bye.$Shape;

        /**
         * Verifies a Bye message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Bye message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Bye
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Bye;

        /**
         * Creates a plain object from a Bye message. Also converts values to other types if specified.
         * @param message Bye
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Bye, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Bye to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Bye
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Bye {

        /** Properties of a Bye. */
        interface $Properties {

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Bye. */
        type $Shape = spikeforge.Bye.$Properties;
    }

    /**
     * Properties of a MonitorSelect.
     * @deprecated Use spikeforge.MonitorSelect.$Properties instead.
     */
    interface IMonitorSelect extends spikeforge.MonitorSelect.$Properties {
    }

    /** Represents a MonitorSelect. */
    class MonitorSelect {

        /**
         * Constructs a new MonitorSelect.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.MonitorSelect.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** MonitorSelect coreIds. */
        coreIds: number[];

        /**
         * Creates a new MonitorSelect instance using the specified properties.
         * @param [properties] Properties to set
         * @returns MonitorSelect instance
         */
        static create(properties: spikeforge.MonitorSelect.$Shape): spikeforge.MonitorSelect & spikeforge.MonitorSelect.$Shape;
        static create(properties?: spikeforge.MonitorSelect.$Properties): spikeforge.MonitorSelect;

        /**
         * Encodes the specified MonitorSelect message. Does not implicitly {@link spikeforge.MonitorSelect.verify|verify} messages.
         * @param message MonitorSelect message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.MonitorSelect.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified MonitorSelect message, length delimited. Does not implicitly {@link spikeforge.MonitorSelect.verify|verify} messages.
         * @param message MonitorSelect message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.MonitorSelect.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a MonitorSelect message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.MonitorSelect & spikeforge.MonitorSelect.$Shape} MonitorSelect
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.MonitorSelect & spikeforge.MonitorSelect.$Shape;

        /**
         * Decodes a MonitorSelect message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.MonitorSelect & spikeforge.MonitorSelect.$Shape} MonitorSelect
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.MonitorSelect & spikeforge.MonitorSelect.$Shape;

        /**
         * Verifies a MonitorSelect message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a MonitorSelect message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns MonitorSelect
         */
        static fromObject(object: { [k: string]: any }): spikeforge.MonitorSelect;

        /**
         * Creates a plain object from a MonitorSelect message. Also converts values to other types if specified.
         * @param message MonitorSelect
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.MonitorSelect, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this MonitorSelect to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for MonitorSelect
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace MonitorSelect {

        /** Properties of a MonitorSelect. */
        interface $Properties {

            /** MonitorSelect coreIds */
            coreIds?: (number[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a MonitorSelect. */
        type $Shape = spikeforge.MonitorSelect.$Properties;
    }

    /**
     * Properties of a ReadState.
     * @deprecated Use spikeforge.ReadState.$Properties instead.
     */
    interface IReadState extends spikeforge.ReadState.$Properties {
    }

    /** Represents a ReadState. */
    class ReadState {

        /**
         * Constructs a new ReadState.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.ReadState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ReadState coreId. */
        coreId: number;

        /**
         * Creates a new ReadState instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ReadState instance
         */
        static create(properties: spikeforge.ReadState.$Shape): spikeforge.ReadState & spikeforge.ReadState.$Shape;
        static create(properties?: spikeforge.ReadState.$Properties): spikeforge.ReadState;

        /**
         * Encodes the specified ReadState message. Does not implicitly {@link spikeforge.ReadState.verify|verify} messages.
         * @param message ReadState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.ReadState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ReadState message, length delimited. Does not implicitly {@link spikeforge.ReadState.verify|verify} messages.
         * @param message ReadState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.ReadState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ReadState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.ReadState & spikeforge.ReadState.$Shape} ReadState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.ReadState & spikeforge.ReadState.$Shape;

        /**
         * Decodes a ReadState message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.ReadState & spikeforge.ReadState.$Shape} ReadState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.ReadState & spikeforge.ReadState.$Shape;

        /**
         * Verifies a ReadState message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ReadState message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ReadState
         */
        static fromObject(object: { [k: string]: any }): spikeforge.ReadState;

        /**
         * Creates a plain object from a ReadState message. Also converts values to other types if specified.
         * @param message ReadState
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.ReadState, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ReadState to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ReadState
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ReadState {

        /** Properties of a ReadState. */
        interface $Properties {

            /** ReadState coreId */
            coreId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ReadState. */
        type $Shape = spikeforge.ReadState.$Properties;
    }

    /**
     * Properties of a WriteState.
     * @deprecated Use spikeforge.WriteState.$Properties instead.
     */
    interface IWriteState extends spikeforge.WriteState.$Properties {
    }

    /** Represents a WriteState. */
    class WriteState {

        /**
         * Constructs a new WriteState.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.WriteState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** WriteState coreId. */
        coreId: number;

        /** WriteState values. */
        values: number[];

        /**
         * Creates a new WriteState instance using the specified properties.
         * @param [properties] Properties to set
         * @returns WriteState instance
         */
        static create(properties: spikeforge.WriteState.$Shape): spikeforge.WriteState & spikeforge.WriteState.$Shape;
        static create(properties?: spikeforge.WriteState.$Properties): spikeforge.WriteState;

        /**
         * Encodes the specified WriteState message. Does not implicitly {@link spikeforge.WriteState.verify|verify} messages.
         * @param message WriteState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.WriteState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified WriteState message, length delimited. Does not implicitly {@link spikeforge.WriteState.verify|verify} messages.
         * @param message WriteState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.WriteState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a WriteState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.WriteState & spikeforge.WriteState.$Shape} WriteState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.WriteState & spikeforge.WriteState.$Shape;

        /**
         * Decodes a WriteState message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.WriteState & spikeforge.WriteState.$Shape} WriteState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.WriteState & spikeforge.WriteState.$Shape;

        /**
         * Verifies a WriteState message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a WriteState message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns WriteState
         */
        static fromObject(object: { [k: string]: any }): spikeforge.WriteState;

        /**
         * Creates a plain object from a WriteState message. Also converts values to other types if specified.
         * @param message WriteState
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.WriteState, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this WriteState to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for WriteState
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace WriteState {

        /** Properties of a WriteState. */
        interface $Properties {

            /** WriteState coreId */
            coreId?: (number|null);

            /** WriteState values */
            values?: (number[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a WriteState. */
        type $Shape = spikeforge.WriteState.$Properties;
    }

    /**
     * Properties of a StateData.
     * @deprecated Use spikeforge.StateData.$Properties instead.
     */
    interface IStateData extends spikeforge.StateData.$Properties {
    }

    /** Represents a StateData. */
    class StateData {

        /**
         * Constructs a new StateData.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.StateData.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** StateData coreId. */
        coreId: number;

        /** StateData values. */
        values: number[];

        /**
         * Creates a new StateData instance using the specified properties.
         * @param [properties] Properties to set
         * @returns StateData instance
         */
        static create(properties: spikeforge.StateData.$Shape): spikeforge.StateData & spikeforge.StateData.$Shape;
        static create(properties?: spikeforge.StateData.$Properties): spikeforge.StateData;

        /**
         * Encodes the specified StateData message. Does not implicitly {@link spikeforge.StateData.verify|verify} messages.
         * @param message StateData message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.StateData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified StateData message, length delimited. Does not implicitly {@link spikeforge.StateData.verify|verify} messages.
         * @param message StateData message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.StateData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a StateData message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.StateData & spikeforge.StateData.$Shape} StateData
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.StateData & spikeforge.StateData.$Shape;

        /**
         * Decodes a StateData message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.StateData & spikeforge.StateData.$Shape} StateData
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.StateData & spikeforge.StateData.$Shape;

        /**
         * Verifies a StateData message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a StateData message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns StateData
         */
        static fromObject(object: { [k: string]: any }): spikeforge.StateData;

        /**
         * Creates a plain object from a StateData message. Also converts values to other types if specified.
         * @param message StateData
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.StateData, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this StateData to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for StateData
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace StateData {

        /** Properties of a StateData. */
        interface $Properties {

            /** StateData coreId */
            coreId?: (number|null);

            /** StateData values */
            values?: (number[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a StateData. */
        type $Shape = spikeforge.StateData.$Properties;
    }

    /**
     * Properties of a GetStatus.
     * @deprecated Use spikeforge.GetStatus.$Properties instead.
     */
    interface IGetStatus extends spikeforge.GetStatus.$Properties {
    }

    /** Represents a GetStatus. */
    class GetStatus {

        /**
         * Constructs a new GetStatus.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.GetStatus.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /**
         * Creates a new GetStatus instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GetStatus instance
         */
        static create(properties: spikeforge.GetStatus.$Shape): spikeforge.GetStatus & spikeforge.GetStatus.$Shape;
        static create(properties?: spikeforge.GetStatus.$Properties): spikeforge.GetStatus;

        /**
         * Encodes the specified GetStatus message. Does not implicitly {@link spikeforge.GetStatus.verify|verify} messages.
         * @param message GetStatus message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.GetStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified GetStatus message, length delimited. Does not implicitly {@link spikeforge.GetStatus.verify|verify} messages.
         * @param message GetStatus message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.GetStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GetStatus message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.GetStatus & spikeforge.GetStatus.$Shape} GetStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.GetStatus & spikeforge.GetStatus.$Shape;

        /**
         * Decodes a GetStatus message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.GetStatus & spikeforge.GetStatus.$Shape} GetStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.GetStatus & spikeforge.GetStatus.$Shape;

        /**
         * Verifies a GetStatus message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a GetStatus message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns GetStatus
         */
        static fromObject(object: { [k: string]: any }): spikeforge.GetStatus;

        /**
         * Creates a plain object from a GetStatus message. Also converts values to other types if specified.
         * @param message GetStatus
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.GetStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this GetStatus to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for GetStatus
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GetStatus {

        /** Properties of a GetStatus. */
        interface $Properties {

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GetStatus. */
        type $Shape = spikeforge.GetStatus.$Properties;
    }

    /**
     * Properties of a Status.
     * @deprecated Use spikeforge.Status.$Properties instead.
     */
    interface IStatus extends spikeforge.Status.$Properties {
    }

    /** Represents a Status. */
    class Status {

        /**
         * Constructs a new Status.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Status.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Status eventsIn. */
        eventsIn: number;

        /** Status eventsOut. */
        eventsOut: number;

        /** Status dropped. */
        dropped: number;

        /** Status crcErrors. */
        crcErrors: number;

        /** Status retransmissions. */
        retransmissions: number;

        /** Status step. */
        step: number;

        /** Status running. */
        running: boolean;

        /** Status fifoUsed. */
        fifoUsed: number;

        /** Status fifoCapacity. */
        fifoCapacity: number;

        /** Status framesIn. */
        framesIn: number;

        /** Status framesOut. */
        framesOut: number;

        /**
         * Creates a new Status instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Status instance
         */
        static create(properties: spikeforge.Status.$Shape): spikeforge.Status & spikeforge.Status.$Shape;
        static create(properties?: spikeforge.Status.$Properties): spikeforge.Status;

        /**
         * Encodes the specified Status message. Does not implicitly {@link spikeforge.Status.verify|verify} messages.
         * @param message Status message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Status.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Status message, length delimited. Does not implicitly {@link spikeforge.Status.verify|verify} messages.
         * @param message Status message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Status.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Status message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Status & spikeforge.Status.$Shape} Status
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Status & spikeforge.Status.$Shape;

        /**
         * Decodes a Status message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Status & spikeforge.Status.$Shape} Status
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Status & spikeforge.Status.$Shape;

        /**
         * Verifies a Status message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Status message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Status
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Status;

        /**
         * Creates a plain object from a Status message. Also converts values to other types if specified.
         * @param message Status
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Status, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Status to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Status
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Status {

        /** Properties of a Status. */
        interface $Properties {

            /** Status eventsIn */
            eventsIn?: (number|null);

            /** Status eventsOut */
            eventsOut?: (number|null);

            /** Status dropped */
            dropped?: (number|null);

            /** Status crcErrors */
            crcErrors?: (number|null);

            /** Status retransmissions */
            retransmissions?: (number|null);

            /** Status step */
            step?: (number|null);

            /** Status running */
            running?: (boolean|null);

            /** Status fifoUsed */
            fifoUsed?: (number|null);

            /** Status fifoCapacity */
            fifoCapacity?: (number|null);

            /** Status framesIn */
            framesIn?: (number|null);

            /** Status framesOut */
            framesOut?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Status. */
        type $Shape = spikeforge.Status.$Properties;
    }

    /**
     * Properties of an Error.
     * @deprecated Use spikeforge.Error.$Properties instead.
     */
    interface IError extends spikeforge.Error.$Properties {
    }

    /** Represents an Error. */
    class Error {

        /**
         * Constructs a new Error.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Error.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Error code. */
        code: number;

        /** Error message. */
        message: string;

        /**
         * Creates a new Error instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Error instance
         */
        static create(properties: spikeforge.Error.$Shape): spikeforge.Error & spikeforge.Error.$Shape;
        static create(properties?: spikeforge.Error.$Properties): spikeforge.Error;

        /**
         * Encodes the specified Error message. Does not implicitly {@link spikeforge.Error.verify|verify} messages.
         * @param message Error message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Error message, length delimited. Does not implicitly {@link spikeforge.Error.verify|verify} messages.
         * @param message Error message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Error message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Error & spikeforge.Error.$Shape} Error
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Error & spikeforge.Error.$Shape;

        /**
         * Decodes an Error message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Error & spikeforge.Error.$Shape} Error
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Error & spikeforge.Error.$Shape;

        /**
         * Verifies an Error message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates an Error message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Error
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Error;

        /**
         * Creates a plain object from an Error message. Also converts values to other types if specified.
         * @param message Error
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Error to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Error
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Error {

        /** Properties of an Error. */
        interface $Properties {

            /** Error code */
            code?: (number|null);

            /** Error message */
            message?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Error. */
        type $Shape = spikeforge.Error.$Properties;
    }

    /**
     * Properties of an Ack.
     * @deprecated Use spikeforge.Ack.$Properties instead.
     */
    interface IAck extends spikeforge.Ack.$Properties {
    }

    /** Represents an Ack. */
    class Ack {

        /**
         * Constructs a new Ack.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Ack.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /**
         * Creates a new Ack instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Ack instance
         */
        static create(properties: spikeforge.Ack.$Shape): spikeforge.Ack & spikeforge.Ack.$Shape;
        static create(properties?: spikeforge.Ack.$Properties): spikeforge.Ack;

        /**
         * Encodes the specified Ack message. Does not implicitly {@link spikeforge.Ack.verify|verify} messages.
         * @param message Ack message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Ack message, length delimited. Does not implicitly {@link spikeforge.Ack.verify|verify} messages.
         * @param message Ack message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Ack message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Ack & spikeforge.Ack.$Shape} Ack
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Ack & spikeforge.Ack.$Shape;

        /**
         * Decodes an Ack message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Ack & spikeforge.Ack.$Shape} Ack
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Ack & spikeforge.Ack.$Shape;

        /**
         * Verifies an Ack message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates an Ack message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Ack
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Ack;

        /**
         * Creates a plain object from an Ack message. Also converts values to other types if specified.
         * @param message Ack
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Ack, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Ack to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Ack
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Ack {

        /** Properties of an Ack. */
        interface $Properties {

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Ack. */
        type $Shape = spikeforge.Ack.$Properties;
    }

    /**
     * Properties of a Nack.
     * @deprecated Use spikeforge.Nack.$Properties instead.
     */
    interface INack extends spikeforge.Nack.$Properties {
    }

    /** Represents a Nack. */
    class Nack {

        /**
         * Constructs a new Nack.
         * @param [properties] Properties to set
         */
        constructor(properties?: spikeforge.Nack.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Nack reason. */
        reason: string;

        /**
         * Creates a new Nack instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Nack instance
         */
        static create(properties: spikeforge.Nack.$Shape): spikeforge.Nack & spikeforge.Nack.$Shape;
        static create(properties?: spikeforge.Nack.$Properties): spikeforge.Nack;

        /**
         * Encodes the specified Nack message. Does not implicitly {@link spikeforge.Nack.verify|verify} messages.
         * @param message Nack message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: spikeforge.Nack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Nack message, length delimited. Does not implicitly {@link spikeforge.Nack.verify|verify} messages.
         * @param message Nack message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: spikeforge.Nack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Nack message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {spikeforge.Nack & spikeforge.Nack.$Shape} Nack
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spikeforge.Nack & spikeforge.Nack.$Shape;

        /**
         * Decodes a Nack message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {spikeforge.Nack & spikeforge.Nack.$Shape} Nack
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): spikeforge.Nack & spikeforge.Nack.$Shape;

        /**
         * Verifies a Nack message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Nack message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Nack
         */
        static fromObject(object: { [k: string]: any }): spikeforge.Nack;

        /**
         * Creates a plain object from a Nack message. Also converts values to other types if specified.
         * @param message Nack
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: spikeforge.Nack, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Nack to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Nack
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Nack {

        /** Properties of a Nack. */
        interface $Properties {

            /** Nack reason */
            reason?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Nack. */
        type $Shape = spikeforge.Nack.$Properties;
    }
}
