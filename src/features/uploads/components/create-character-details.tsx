/**
 * What only some people use on the upload screen, kept out of the first screen's bytes: the
 * optional description's fields (rendered once "Describe the character" is opened) and the
 * checks a create runs on submit (the contract's name rules, the attributes' validation).
 */
import { AttributeFields } from '../../../components/character-attributes/attribute-fields';
import type { CharacterAttributes } from '../../../../contract/aurous';
import {
  EMPTY_ATTRIBUTES,
  validateAttributes,
  type AttributeErrors,
  type AttributeField,
  type AttributeValues,
} from '../../../lib/character-attributes/attribute-form';
import { nameFieldError } from '../../../lib/name-field-error';

export type DetailValues = Partial<AttributeValues>;

export function CreateDetailsFields(props: {
  values: DetailValues;
  errors: AttributeErrors;
  onChange: (field: AttributeField, value: string) => void;
}) {
  return <AttributeFields {...props} values={{ ...EMPTY_ATTRIBUTES, ...props.values }} />;
}

/** The name's refusal (if any), and the description as the API's typed attributes or its errors per field. */
export function checkCreateForm(
  name: string,
  values: DetailValues,
  emptyNameMessage: string,
): { nameError: string | undefined; attributes: CharacterAttributes | null; errors: AttributeErrors } {
  const described = validateAttributes({ ...EMPTY_ATTRIBUTES, ...values }, { required: false });
  return { nameError: nameFieldError(name, emptyNameMessage), ...described };
}
