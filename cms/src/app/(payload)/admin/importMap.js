import { TranslationPointer as TranslationPointer_508e4b8da8683cf31a701ec8d8ce8427 } from '../../../translation/components/TranslationPointer'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { FixedToolbarFeatureClient as FixedToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkedStepsStatus as LinkedStepsStatus_3c9aa19ad8e756cba0ad4dacb6ba7d9c } from '../../../components/LinkedStepsStatus'
import { ReviewCheckButton as ReviewCheckButton_34d37d71c7dbeac0ea261f7bd3dee831 } from '../../../components/ReviewCheckButton'
import { PreviewButton as PreviewButton_9dda7e38185eed7547bd37b9965b77da } from '../../../publishing/preview/PreviewButton'
import { FrenchSource as FrenchSource_20dd5fb3ca9d8490a39b51c076e40b27 } from '../../../translation/components/FrenchSource'
import { DirectedTextField as DirectedTextField_d1cfdf249df770e2f3d7ceb5cf9313bb } from '../../../translation/components/DirectedField'
import { DirectedTextareaField as DirectedTextareaField_d1cfdf249df770e2f3d7ceb5cf9313bb } from '../../../translation/components/DirectedField'
import { UnitRecordsTable as UnitRecordsTable_dc492f869b6ea79b9a21ca4e60c22c0c } from '../../../translation/components/UnitRecordsTable'
import { XliffExchange as XliffExchange_15baa9b374584d27b97611ba939ef6cb } from '../../../translation/components/XliffExchange'
import { BuildLog as BuildLog_590daa1bb5fb3ab8780f20f89c51d0ba } from '../../../publishing/components/BuildLog'
import { RollbackAction as RollbackAction_b3981788c9505767445927e01dcbe4fc } from '../../../publishing/components/RollbackAction'
import { MachineTranslationStatus as MachineTranslationStatus_0a831d4dc5ae25799c03cf4ec3f71513 } from '../../../translation/machine/components/MachineTranslationStatus'
import { BuildStatus as BuildStatus_1388247337e2c7f2a00cfd8413dfb46c } from '../../../publishing/components/BuildStatus'
import { SecondFactorLogin as SecondFactorLogin_14cd6c65f7f9ad3a12018a04bfae1680 } from '../../../components/SecondFactorLogin'
import { TranslationDashboard as TranslationDashboard_57ba8fb5bcd542cf264f8008e93215a7 } from '../../../translation/components/TranslationDashboard'
import { ReviewDashboard as ReviewDashboard_33a73c485fea0a40c48cd1ef0b291316 } from '../../../components/ReviewDashboard'
import { EditorFrenchLabels as EditorFrenchLabels_0ba34cb195267af938794fdf4603e749 } from '../../../components/EditorFrenchLabels'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/translation/components/TranslationPointer#TranslationPointer": TranslationPointer_508e4b8da8683cf31a701ec8d8ce8427,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#FixedToolbarFeatureClient": FixedToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/components/LinkedStepsStatus#LinkedStepsStatus": LinkedStepsStatus_3c9aa19ad8e756cba0ad4dacb6ba7d9c,
  "/components/ReviewCheckButton#ReviewCheckButton": ReviewCheckButton_34d37d71c7dbeac0ea261f7bd3dee831,
  "/publishing/preview/PreviewButton#PreviewButton": PreviewButton_9dda7e38185eed7547bd37b9965b77da,
  "/translation/components/FrenchSource#FrenchSource": FrenchSource_20dd5fb3ca9d8490a39b51c076e40b27,
  "/translation/components/DirectedField#DirectedTextField": DirectedTextField_d1cfdf249df770e2f3d7ceb5cf9313bb,
  "/translation/components/DirectedField#DirectedTextareaField": DirectedTextareaField_d1cfdf249df770e2f3d7ceb5cf9313bb,
  "/translation/components/UnitRecordsTable#UnitRecordsTable": UnitRecordsTable_dc492f869b6ea79b9a21ca4e60c22c0c,
  "/translation/components/XliffExchange#XliffExchange": XliffExchange_15baa9b374584d27b97611ba939ef6cb,
  "/publishing/components/BuildLog#BuildLog": BuildLog_590daa1bb5fb3ab8780f20f89c51d0ba,
  "/publishing/components/RollbackAction#RollbackAction": RollbackAction_b3981788c9505767445927e01dcbe4fc,
  "/translation/machine/components/MachineTranslationStatus#MachineTranslationStatus": MachineTranslationStatus_0a831d4dc5ae25799c03cf4ec3f71513,
  "/publishing/components/BuildStatus#BuildStatus": BuildStatus_1388247337e2c7f2a00cfd8413dfb46c,
  "/components/SecondFactorLogin#SecondFactorLogin": SecondFactorLogin_14cd6c65f7f9ad3a12018a04bfae1680,
  "/translation/components/TranslationDashboard#TranslationDashboard": TranslationDashboard_57ba8fb5bcd542cf264f8008e93215a7,
  "/components/ReviewDashboard#ReviewDashboard": ReviewDashboard_33a73c485fea0a40c48cd1ef0b291316,
  "/components/EditorFrenchLabels#EditorFrenchLabels": EditorFrenchLabels_0ba34cb195267af938794fdf4603e749,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
