import './theme.css';
import './base.css';

export { Button } from './Button';
export { ErrorSummary } from './ErrorSummary';
export { Checkbox, Field, fieldId, SelectField } from './Field';
export { Notice } from './Notice';
export { Page } from './Page';
export { useFieldErrors, useProblemText } from './problem-text';
export { formText } from './form-data';
